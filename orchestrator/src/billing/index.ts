/**
 * Billing (issue 7): PayPal webhook intake, webhook processing, billing commands for GraphQL and the
 * lifecycle sweep, plus the level-triggered PayPal reconciliation pass. Mount `createPayPalWebhookRouter(deps)` with `app.use(router)` BEFORE any global
 * JSON body parser; it serves POST /api/v1/paypal/webhooks.
 */
export { createPayPalWebhookRouter, isWebhookEnvelope, PAYPAL_WEBHOOK_PATH } from './paypal-webhook-router.ts';
export type { PayPalWebhookRouter, PayPalWebhookRouterDeps } from './paypal-webhook-router.ts';
export { applyPayPalTruth, processWebhookEvent } from './process-webhook-event.ts';
export type { ApplyPayPalTruthInput, ApplyPayPalTruthOutcome, ProcessOptions, ProcessOutcome } from './process-webhook-event.ts';
export {
  DEFAULT_ABANDONED_AFTER_MS,
  DEFAULT_RECHECK_AFTER_MS,
  DEFAULT_RECONCILE_LIMIT,
  FINAL_BILLING_STATUSES,
  reconcileBillingSubscriptions,
} from './reconcile-billing-subscriptions.ts';
export type { ReconcileBillingDeps, ReconcileBillingOptions, ReconcileBillingResult } from './reconcile-billing-subscriptions.ts';
export { createWebhookInbox } from './webhook-inbox.ts';
export { requestRegionSubscriptionCancellation, requestSubscriptionCancellation, runSubscriptionCancellations } from './subscription-cancellations.ts';
export type { CancellationsDeps, CancellationsResult } from './subscription-cancellations.ts';
export type { InboxStats, WebhookInbox, WebhookInboxDeps, WebhookInboxOptions } from './webhook-inbox.ts';
export {
  billingCommands,
  cancelSubscription,
  createSubscription,
  getSubscription,
  listPlans,
  listSubscriptions,
  regionNameAvailability,
  unwrapBilling,
} from './billing-commands.ts';
export type {
  BillingCommandDeps,
  BillingFailure,
  BillingSubscriptionView,
  CancelSubscriptionOutcome,
  CreateSubscriptionInput,
  CreateSubscriptionOutcome,
  GetSubscriptionOutcome,
  ListSubscriptionsOutcome,
  PlanView,
  RegionNameAvailability,
} from './billing-commands.ts';
export { runBillingSweep, startBillingScheduler } from './billing-sweep.ts';
export type { BillingScheduler, BillingSchedulerOptions, BillingSweepResult } from './billing-sweep.ts';
export { createBillingService } from './create-billing-service.ts';
export type { BillingService, CreateBillingServiceOptions } from './create-billing-service.ts';
export { buildCustomId, parseCustomId } from './custom-id.ts';
export type { SubscriptionIntent } from './custom-id.ts';
export type { BillingDb, BillingLogger } from './billing-types.ts';
export { useEmergencyRelocation, unwrapRelocation } from './use-emergency-relocation.ts';
export type { EmergencyRelocation, EmergencyRelocationOutcome, RelocationFailure } from './use-emergency-relocation.ts';
