import type { Response } from 'express';
import { DomainError, httpStatusOf } from '@sw/domain';
import type { ErrorCode, RestErrorBody } from '@sw/domain';
import { isDomainError } from './format-error.ts';

/**
 * Answers a REST request with `{ error: { code, message, details? } }` and the code's HTTP status. Accepts a
 * DomainError, or a code plus message. Any other error becomes a generic 500 ERR_INTERNAL (log it yourself first).
 */
export function restError(res: Response, error: DomainError | ErrorCode | unknown, message?: string): void {
  let code: string;
  let text: string;
  let details: Record<string, unknown> | undefined;
  if (isDomainError(error)) {
    code = error.code;
    text = message ?? error.message;
    details = error.details;
  } else if (typeof error === 'string') {
    code = error;
    text = message ?? error;
  } else {
    code = 'ERR_INTERNAL';
    text = 'Internal server error';
  }
  const body: RestErrorBody = { error: { code, message: text, ...(details !== undefined ? { details } : {}) } };
  res.status(httpStatusOf(code)).json(body);
}
