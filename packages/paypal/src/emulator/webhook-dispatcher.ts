import type { KeyObject } from 'node:crypto';
import type { PayPalWebhookEvent } from '../paypal-types.ts';
import { signWebhookDelivery } from '../webhook-signing.ts';

/** PayPal retries a failed delivery up to 25 times over about 3 days. */
export const MAX_DELIVERY_ATTEMPTS = 25;

/**
 * Delay before attempt `n + 1` after `n` failed attempts: 30 s doubling, capped at 4 h — 25 attempts span
 * about 2.8 days like PayPal's. `scale` compresses the schedule (tests: 0.0001 → milliseconds).
 */
export function redeliveryDelayMs(failedAttempts: number, scale = 1): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 4 * 3_600_000);
  return Math.max(0, Math.round(base * scale));
}

export interface EmulatorFaults {
  /** Billing runs fail by default (POST /_emulator/subscriptions/:id/bill without an outcome). */
  failPayments: boolean;
  /** Events are recorded but never delivered. */
  dropWebhooks: boolean;
  /** Deliver every event this many times (>= 1). */
  duplicateWebhooks: number;
  /** Wait this long before the first attempt of each delivery. */
  delayMs: number;
  /** Spread first attempts randomly over `reorderWindowMs` so events arrive out of order. */
  reorder: boolean;
  reorderWindowMs: number;
}

export const NO_FAULTS: EmulatorFaults = { failPayments: false, dropWebhooks: false, duplicateWebhooks: 1, delayMs: 0, reorder: false, reorderWindowMs: 250 };

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  /** HTTP status, or 0 for a network error / timeout. */
  status: number;
}

export interface EventRecord {
  event: PayPalWebhookEvent;
  rawBody: string;
  /** One entry per copy (duplicateWebhooks); each copy has its own attempts. */
  copies: Array<{ attempts: DeliveryAttempt[]; state: 'pending' | 'delivered' | 'failed' | 'dropped' }>;
}

export interface DispatcherOptions {
  webhookUrl: () => string | undefined;
  webhookId: string;
  certUrl: string;
  privateKey: KeyObject;
  faults: () => EmulatorFaults;
  retryScale: number;
  maxAttempts: number;
  attemptTimeoutMs: number;
}

/** Signs and delivers events, retrying like PayPal; keeps every event and attempt for inspection. */
export class WebhookDispatcher {
  readonly records: EventRecord[] = [];
  private readonly opts: DispatcherOptions;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(opts: DispatcherOptions) {
    this.opts = opts;
  }

  /** Records an event and schedules its delivery (unless dropped or no webhook URL is configured). */
  emit(event: PayPalWebhookEvent): EventRecord {
    const rawBody = JSON.stringify(event);
    const faults = this.opts.faults();
    const record: EventRecord = { event, rawBody, copies: [] };
    this.records.push(record);
    const url = this.opts.webhookUrl();
    const copies = Math.max(1, Math.floor(faults.duplicateWebhooks));
    for (let i = 0; i < copies; i++) {
      const copy = { attempts: [] as DeliveryAttempt[], state: 'pending' as EventRecord['copies'][number]['state'] };
      record.copies.push(copy);
      if (!url || faults.dropWebhooks) {
        copy.state = 'dropped';
        continue;
      }
      const jitter = faults.reorder ? Math.random() * faults.reorderWindowMs : 0;
      this.pending++;
      // attempt() never rejects: a failed delivery is recorded as status 0 and rescheduled.
      this.schedule(faults.delayMs + jitter, () => void this.attempt(record, copy, url));
    }
    return record;
  }

  /** Signed headers for `rawBody` as PayPal would send them now (tests use this to craft deliveries). */
  sign(rawBody: string | Buffer, overrides: { transmissionTime?: string; webhookId?: string; transmissionId?: string } = {}): Record<string, string> {
    return signWebhookDelivery({
      privateKey: this.opts.privateKey,
      certUrl: this.opts.certUrl,
      webhookId: overrides.webhookId ?? this.opts.webhookId,
      rawBody,
      transmissionTime: overrides.transmissionTime,
      transmissionId: overrides.transmissionId,
    });
  }

  /** Resolves when no delivery is pending (every copy delivered, failed for good or dropped). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const a of this.aborts) a.abort();
    this.pending = 0;
    this.flushIdle();
  }

  private schedule(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private done(): void {
    this.pending--;
    this.flushIdle();
  }

  private flushIdle(): void {
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async attempt(record: EventRecord, copy: EventRecord['copies'][number], url: string): Promise<void> {
    if (this.stopped) return;
    const n = copy.attempts.length + 1;
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), this.opts.attemptTimeoutMs);
    let status = 0;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'PayPal/AUHD-214.0-52392296', ...this.sign(record.rawBody) },
        body: record.rawBody,
        signal: abort.signal,
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
    } catch {
      status = 0;
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    if (this.stopped) return;
    copy.attempts.push({ attempt: n, at: new Date().toISOString(), status });
    if (status >= 200 && status < 300) {
      copy.state = 'delivered';
      this.done();
    } else if (n >= this.opts.maxAttempts) {
      copy.state = 'failed';
      this.done();
    } else {
      this.schedule(redeliveryDelayMs(n, this.opts.retryScale), () => void this.attempt(record, copy, url));
    }
  }
}
