/**
 * createBillingService: everything the orchestrator needs for billing, built from the environment
 * (readPayPalConfig — throws ConfigError on a production misconfiguration such as the verification
 * bypass). Wiring in the orchestrator:
 *
 *   const billing = createBillingService({ sql, log });
 *   app.use(billing.router);                       // before any global express.json()
 *   billing.startScheduler();                      // lifecycle sweep + PayPal reconciliation, safe on every replica
 *   billingCommands.createSubscription(billing.commandDeps, claims, input)   // GraphQL resolvers
 *   onStop: billing.stop()
 */
import type postgres from 'postgres';
import { ConfigError, isProduction, readEnvBool, readEnvInt } from '@sw/config';
import { createPayPalClient, readPayPalConfig, type PayPalClient, type PayPalConfig } from '@sw/paypal';
import type { BillingCommandDeps } from './billing-commands.ts';
import { startBillingScheduler, type BillingScheduler } from './billing-sweep.ts';
import type { BillingLogger } from './billing-types.ts';
import { runSubscriptionCancellations, type CancellationsResult } from './subscription-cancellations.ts';
import { createPayPalWebhookRouter, type PayPalWebhookRouter, type PayPalWebhookRouterDeps } from './paypal-webhook-router.ts';

export interface BillingService {
  config: PayPalConfig;
  paypal: PayPalClient;
  /** Serves POST /api/v1/paypal/webhooks; `router.inbox` is the durable inbox the events are processed from. */
  router: PayPalWebhookRouter;
  /** Deps for `billingCommands.*`. */
  commandDeps: BillingCommandDeps;
  /**
   * Starts the hourly lifecycle sweep and the PayPal reconciliation pass (idempotent). Reconciliation:
   * BILLING_RECONCILE_MS (default 300000 = 5 min; 0 = off), BILLING_RECONCILE_LIMIT rows per pass
   * (default 50), a row is re-read at most every BILLING_RECONCILE_RECHECK_MS (default 900000 = 15 min).
   * PayPal cancellations we owe (billing_cancellations) are worked every BILLING_CANCEL_MS (default 60000; 0 = off).
   */
  startScheduler(intervalMs?: number): BillingScheduler;
  /** Stops the scheduler and the inbox loop (waits for events in flight). */
  stop(): Promise<void>;
  /** Works due PayPal cancellations now and returns what happened (tests, operators). */
  runCancellations(): Promise<CancellationsResult>;
  /** Asks the scheduler to work due cancellations soon (after a request was written; no-op before startScheduler). */
  kickCancellations(): void;
}

export interface CreateBillingServiceOptions {
  sql: postgres.Sql;
  log?: BillingLogger;
  env?: NodeJS.ProcessEnv;
  /** Extra router options (tests: onProcessed, queue tuning). */
  router?: Pick<PayPalWebhookRouterDeps, 'onProcessed' | 'onAccepted' | 'inbox' | 'maxQueued' | 'fetchCert' | 'now'>;
}

/** WEBHOOK_INBOX_PAUSED (TEST ONLY): store webhooks but never process them; refused in production. */
function inboxPaused(env: NodeJS.ProcessEnv): boolean {
  const paused = readEnvBool('WEBHOOK_INBOX_PAUSED', false, env);
  if (paused && isProduction(env)) throw new ConfigError('WEBHOOK_INBOX_PAUSED is a test-only switch and is refused in production');
  return paused;
}

export function createBillingService(opts: CreateBillingServiceOptions): BillingService {
  const env = opts.env ?? process.env;
  const config = readPayPalConfig(env);
  const paypal = createPayPalClient({ baseUrl: config.apiBase, clientId: config.clientId, clientSecret: config.clientSecret });
  const router = createPayPalWebhookRouter({
    sql: opts.sql,
    paypal,
    webhookId: config.webhookId,
    planIds: config.planIds,
    allowedCertHosts: config.allowedCertHosts,
    skipVerification: config.skipWebhookValidation,
    env,
    ...(opts.log ? { log: opts.log } : {}),
    ...opts.router,
    inbox: {
      pollMs: readEnvInt('WEBHOOK_INBOX_POLL_MS', 1_000, env),
      leaseMs: readEnvInt('WEBHOOK_INBOX_LEASE_MS', 60_000, env),
      paused: inboxPaused(env),
      ...opts.router?.inbox,
    },
    // A refused activation asked for a PayPal cancellation: work it now instead of at the next tick.
    onProcessed: (outcome, event) => {
      if (outcome.kind === 'applied' && outcome.effects.includes('cancellation_requested')) scheduler?.kickCancellations();
      opts.router?.onProcessed?.(outcome, event);
    },
  });
  const reconcile = {
    paypal,
    intervalMs: readEnvInt('BILLING_RECONCILE_MS', 300_000, env),
    limit: readEnvInt('BILLING_RECONCILE_LIMIT', 50, env),
    recheckAfterMs: readEnvInt('BILLING_RECONCILE_RECHECK_MS', 900_000, env),
    planIds: config.planIds,
  };
  const cancellations = { paypal, intervalMs: readEnvInt('BILLING_CANCEL_MS', 60_000, env) };
  let scheduler: BillingScheduler | null = null;
  return {
    config,
    paypal,
    router,
    commandDeps: { sql: opts.sql, paypal, config },
    startScheduler(intervalMs) {
      router.inbox.start(); // rows stored before a crash or by another replica are worked from here on
      scheduler ??= startBillingScheduler({ sql: opts.sql }, { ...(intervalMs ? { intervalMs } : {}), ...(opts.log ? { log: opts.log } : {}), reconcile, cancellations });
      return scheduler;
    },
    runCancellations: () => runSubscriptionCancellations({ sql: opts.sql, paypal, ...(opts.log ? { log: opts.log } : {}) }),
    kickCancellations: () => scheduler?.kickCancellations(),
    async stop() {
      scheduler?.stop();
      scheduler = null;
      await router.inbox.stop();
    },
  };
}
