import type { PayPalWebhookEvent } from '@sw/paypal';
import { silentLogger, type BillingLogger } from './billing-types.ts';
import type { ProcessOutcome } from './process-webhook-event.ts';

/**
 * In-process background queue behind the webhook endpoint (answer 2xx fast, process later). Events of
 * one subscription run one after another (so 25 copies of an event cost one PayPal re-read, the rest
 * hit the dedupe); different subscriptions run concurrently up to `concurrency`. A thrown error (PayPal
 * unreachable, DB hiccup) is retried with backoff up to `maxAttempts`; correctness across replicas
 * comes from the DB transaction, not from this queue.
 */
export interface WebhookQueue {
  push(event: PayPalWebhookEvent, key: string): void;
  /** Events accepted and not yet finished. */
  size(): number;
  /** When the oldest event still waiting (or being retried) was accepted (epoch ms); null when none waits. */
  oldestPendingSince(): number | null;
  /** Resolves when everything accepted so far has finished (tests, graceful shutdown). */
  drain(): Promise<void>;
  /** Stops retry timers; pending work is dropped (PayPal's nightly reconciliation / redelivery covers it). */
  stop(): void;
}

export interface WebhookQueueOptions {
  process: (event: PayPalWebhookEvent) => Promise<ProcessOutcome>;
  onOutcome?: (outcome: ProcessOutcome, event: PayPalWebhookEvent) => void;
  log?: BillingLogger;
  concurrency?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Called once per event when it is finished (processed or given up): ms from acceptance (monitoring). */
  onFinished?: (lagMs: number, event: PayPalWebhookEvent) => void;
  now?: () => number;
}

export function createWebhookQueue(opts: WebhookQueueOptions): WebhookQueue {
  const log = opts.log ?? silentLogger;
  const concurrency = opts.concurrency ?? 8;
  const maxAttempts = opts.maxAttempts ?? 6;
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const lanes = new Map<string, PayPalWebhookEvent[]>();
  const ready: string[] = [];
  const timers = new Map<NodeJS.Timeout, () => void>();
  let running = 0;
  let pending = 0;
  let stopped = false;
  let waiters: Array<() => void> = [];
  const now = opts.now ?? Date.now;
  /** Acceptance time of every unfinished event (insertion order = acceptance order). */
  const acceptedAt = new Map<PayPalWebhookEvent, number>();

  const settle = () => {
    if (pending > 0) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const pump = () => {
    while (!stopped && running < concurrency && ready.length) {
      const key = ready.shift()!;
      void runLane(key);
    }
  };

  async function runOne(event: PayPalWebhookEvent): Promise<void> {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const outcome = await opts.process(event);
        opts.onOutcome?.(outcome, event);
        log.info({ eventId: event.id, eventType: event.event_type, outcome: outcome.kind, ...(outcome.kind === 'applied' ? { effects: outcome.effects } : {}) }, 'paypal webhook processed');
        return;
      } catch (err) {
        if (attempt >= maxAttempts) {
          log.error({ eventId: event.id, eventType: event.event_type, err: (err as Error).message, attempts: attempt }, 'paypal webhook processing failed for good');
          return;
        }
        const delay = retryBaseMs * 2 ** (attempt - 1);
        log.warn({ eventId: event.id, err: (err as Error).message, attempt, retryInMs: delay }, 'paypal webhook processing failed, retrying');
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, delay);
          timers.set(t, resolve);
        });
      }
    }
  }

  async function runLane(key: string): Promise<void> {
    running++;
    const lane = lanes.get(key)!;
    while (lane.length && !stopped) {
      const event = lane[0]!;
      await runOne(event);
      lane.shift();
      const at = acceptedAt.get(event);
      acceptedAt.delete(event);
      if (at !== undefined && !stopped) opts.onFinished?.(now() - at, event);
      pending = Math.max(0, pending - 1);
    }
    lanes.delete(key);
    running--;
    settle();
    pump();
  }

  return {
    push(event, key) {
      if (stopped) return;
      pending++;
      // A redelivered copy of the same object keeps its first acceptance time.
      if (!acceptedAt.has(event)) acceptedAt.set(event, now());
      const lane = lanes.get(key);
      if (lane) {
        lane.push(event);
        return;
      }
      lanes.set(key, [event]);
      ready.push(key);
      pump();
    },
    size: () => pending,
    oldestPendingSince() {
      let oldest: number | null = null;
      for (const at of acceptedAt.values()) if (oldest === null || at < oldest) oldest = at;
      return oldest;
    },
    drain() {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stop() {
      stopped = true;
      for (const [t, resolve] of timers) {
        clearTimeout(t);
        resolve();
      }
      timers.clear();
      acceptedAt.clear();
      pending = 0;
      settle();
    },
  };
}
