/**
 * Test / bench fixture: the PayPal emulator on a random port plus an in-process orchestrator whose OWN
 * billing wiring (webhook router mounted in the service, scheduler, GraphQL) talks to it — the same
 * wiring as production, only the PAYPAL_* env points at the emulator. Records when each verified event
 * was received (`accepted`) and how it was processed (`processed`).
 */
import type { PayPalWebhookEvent } from '@sw/paypal';
import { startPayPalEmulator, type PayPalEmulator } from '@sw/paypal/emulator';
import { startOrchestrator, type RunningOrchestrator, type StartOrchestratorOptions } from '../index.ts';
import { PAYPAL_WEBHOOK_PATH } from '../billing/paypal-webhook-router.ts';
import type { ProcessOutcome } from '../billing/process-webhook-event.ts';

export interface BillingOrchestrator {
  orch: RunningOrchestrator;
  emulator: PayPalEmulator;
  accepted: Array<{ event: PayPalWebhookEvent; receivedAt: Date }>;
  processed: ProcessOutcome[];
  /** Waits until the emulator delivered everything and the orchestrator's webhook inbox is empty. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBillingOrchestrator(opts: StartOrchestratorOptions): Promise<BillingOrchestrator> {
  const emulator = await startPayPalEmulator({ port: 0, retryScale: 0.00002, deliveryTimeoutMs: 5_000 });
  const accepted: BillingOrchestrator['accepted'] = [];
  const processed: ProcessOutcome[] = [];
  let orch: RunningOrchestrator;
  try {
    orch = await startOrchestrator({
      ...opts,
      billingEnv: {
        PAYPAL_API_BASE: emulator.url,
        PAYPAL_CLIENT_ID: emulator.clientId,
        PAYPAL_CLIENT_SECRET: emulator.clientSecret,
        PAYPAL_WEBHOOK_ID: emulator.webhookId,
      },
      billingRouter: {
        inbox: { pollMs: 100, retry: { baseMs: 50 } },
        onAccepted: (event, receivedAt) => accepted.push({ event, receivedAt }),
        onProcessed: (o) => processed.push(o),
      },
    });
  } catch (err) {
    await emulator.stop();
    throw err;
  }
  emulator.setWebhookUrl(`${orch.url}${PAYPAL_WEBHOOK_PATH}`);
  return {
    orch,
    emulator,
    accepted,
    processed,
    async settle() {
      for (let i = 0; i < 5; i++) {
        await emulator.idle();
        await orch.billing.router.inbox.drain();
      }
    },
    async stop() {
      await orch.stop();
      await emulator.stop();
    },
  };
}

/** The buyer's click on the emulator's approval page (form POST, JSON answer). */
export async function approveSubscription(emulator: PayPalEmulator, paypalSubscriptionId: string): Promise<void> {
  const res = await fetch(`${emulator.url}/approve/${paypalSubscriptionId}`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({ email: 'buyer@example.com' }),
  });
  if (res.status !== 200) throw new Error(`approval failed: ${res.status} ${await res.text()}`);
}
