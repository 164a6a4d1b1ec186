import type { QueryFailure } from '../../graphql/describe-error';
import { describeCode } from '../../graphql/error-messages';

/**
 * A visible, non-fatal error state for one section of a page: a sentence for the code, the server's detail, and the
 * stable code itself so reports are searchable.
 */
export function ErrorBanner({ title, failure }: { title: string; failure: QueryFailure }) {
  const sentence = describeCode(failure.code, failure.message);
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-error-code={failure.code}>
      <strong>{title}</strong>
      <span className="error-banner__message">{sentence}</span>
      {sentence !== failure.message && <span className="error-banner__detail">{failure.message}</span>}
      <code className="error-banner__code">{failure.code}</code>
    </div>
  );
}
