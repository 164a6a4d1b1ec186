/**
 * Test harness shared by the billing integration tests: a fresh hub database, the PayPal emulator on a
 * random port and an express app on a random port mounting the webhook router (like the orchestrator).
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Claims } from '@sw/auth';
import type { PayPalClient } from '@sw/paypal';
import { startPayPalEmulator, type PayPalEmulator } from '@sw/paypal/emulator';
import { createTestDatabase, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import type { BillingCommandDeps } from './billing-commands.ts';
import { createBillingService } from './create-billing-service.ts';
import { PAYPAL_WEBHOOK_PATH, type PayPalWebhookRouter } from './paypal-webhook-router.ts';
import type { ProcessOutcome } from './process-webhook-event.ts';

export interface BillingHarness {
  t: TestDatabase<HubDb>;
  emulator: PayPalEmulator;
  paypal: PayPalClient;
  router: PayPalWebhookRouter;
  webhookUrl: string;
  deps: BillingCommandDeps;
  outcomes: ProcessOutcome[];
  /** Waits until the emulator has delivered everything and the inbox has processed it. */
  settle(): Promise<void>;
  player(name?: string): Promise<{ playerId: string; userId: string; claims: Claims }>;
  close(): Promise<void>;
}

export async function startBillingHarness(opts: { deliver?: boolean } = {}): Promise<BillingHarness> {
  const t = await createTestDatabase({ max: 10 });
  const emulator = await startPayPalEmulator({ port: 0, retryScale: 0.00002, deliveryTimeoutMs: 2_000 });
  const outcomes: ProcessOutcome[] = [];
  // The real wiring: configuration from env (the emulator's origin is allow-listed because PAYPAL_API_BASE points at it).
  const billing = createBillingService({
    sql: t.sql,
    env: { PAYPAL_API_BASE: emulator.url, PAYPAL_CLIENT_ID: emulator.clientId, PAYPAL_CLIENT_SECRET: emulator.clientSecret, PAYPAL_WEBHOOK_ID: emulator.webhookId },
    router: { onProcessed: (o) => outcomes.push(o), inbox: { pollMs: 100, retry: { baseMs: 50 } } },
  });
  const { paypal, router } = billing;
  const app = express();
  app.use(router);
  app.use(express.json()); // a global parser AFTER the router must not matter
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PAYPAL_WEBHOOK_PATH}`;
  if (opts.deliver !== false) emulator.setWebhookUrl(webhookUrl);
  const deps: BillingCommandDeps = billing.commandDeps;
  return {
    t,
    emulator,
    paypal,
    router,
    webhookUrl,
    deps,
    outcomes,
    async settle() {
      for (let i = 0; i < 5; i++) {
        await emulator.idle();
        await router.inbox.drain();
      }
    },
    async player(name) {
      const p = await insertUserWithPlayer(t.db, name ? { username: name } : {});
      return { ...p, claims: { sub: p.userId, username: p.username, playerId: p.playerId, roles: ['player'], scopes: [], exp: Math.floor(Date.now() / 1000) + 3600 } };
    },
    async close() {
      await billing.stop();
      await emulator.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await t.drop();
    },
  };
}

/** Approves a subscription on the emulator's approval page (the buyer's click). */
export async function approveInEmulator(emulator: PayPalEmulator, subscriptionId: string): Promise<void> {
  const res = await fetch(`${emulator.url}/approve/${subscriptionId}`, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams({ email: 'buyer@example.com' }) });
  if (res.status !== 200) throw new Error(`approval failed: ${res.status} ${await res.text()}`);
}

export async function billEmulator(emulator: PayPalEmulator, subscriptionId: string, outcome: 'success' | 'failure'): Promise<void> {
  const res = await fetch(`${emulator.url}/_emulator/subscriptions/${subscriptionId}/bill`, { method: 'POST', body: JSON.stringify({ outcome }) });
  if (res.status !== 200) throw new Error(`bill failed: ${res.status} ${await res.text()}`);
}
