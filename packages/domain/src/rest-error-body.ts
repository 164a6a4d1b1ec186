/**
 * The body every REST endpoint answers an error with: `{ error: { code, message, details? } }` and the code's HTTP
 * status (see errors.ts). Written by service-kit's restError; read back by clients (region-cli) and tests.
 */
export interface RestErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The `error` of a REST error body, or undefined when `body` is anything else (a success body, HTML, null). */
export function restErrorOf(body: unknown): RestErrorBody['error'] | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  const details = 'details' in error && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
  return { code: error.code, message, ...(details !== undefined ? { details } : {}) };
}
