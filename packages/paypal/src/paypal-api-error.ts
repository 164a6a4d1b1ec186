import type { PayPalErrorBody } from './paypal-types.ts';

/**
 * A failed PayPal REST call. `status` is the HTTP status (0 = network error or timeout, so the caller
 * can tell "PayPal said no" from "PayPal unreachable"); `paypalName` / `details` come from PayPal's
 * error body when it sent one.
 */
export class PayPalApiError extends Error {
  readonly status: number;
  readonly paypalName: string | null;
  readonly debugId: string | null;
  readonly details: NonNullable<PayPalErrorBody['details']>;
  constructor(status: number, message: string, body?: Partial<PayPalErrorBody> | null) {
    super(message);
    this.name = 'PayPalApiError';
    this.status = status;
    this.paypalName = body?.name ?? null;
    this.debugId = body?.debug_id ?? null;
    this.details = body?.details ?? [];
  }

  /** True when PayPal answered with one of the given `details[].issue` codes. */
  hasIssue(issue: string): boolean {
    return this.details.some((d) => d.issue === issue);
  }

  /** Network failure, timeout or a 5xx: worth retrying later. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}
