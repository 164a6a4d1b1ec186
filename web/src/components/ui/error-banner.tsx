import type { QueryFailure } from '../../graphql/describe-error';

/** A visible, non-fatal error state for one section of a page; shows the stable code so reports are searchable. */
export function ErrorBanner({ title, failure }: { title: string; failure: QueryFailure }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-error-code={failure.code}>
      <strong>{title}</strong>
      <span className="error-banner__message">{failure.message}</span>
      <code className="error-banner__code">{failure.code}</code>
    </div>
  );
}
