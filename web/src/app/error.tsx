'use client';

/** Last-resort boundary when rendering throws despite the per-section error states; offers a retry instead of a blank page. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-error-code="ERR_RENDER">
      <strong>Something went wrong while rendering this page.</strong>
      <span className="error-banner__message">{error.digest ? `Reference ${error.digest}` : error.message}</span>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
