/**
 * Billing (issue 7): PayPal webhook intake, webhook processing, billing commands for GraphQL and the
 * lifecycle sweep. Mount `createPayPalWebhookRouter(deps)` with `app.use(router)` BEFORE any global
 * JSON body parser; it serves POST /api/v1/paypal/webhooks.
 */
export { createPayPalWebhookRouter, isWebhookEnvelope, PAYPAL_WEBHOOK_PATH } from './paypal-webhook-router.ts';
export type { PayPalWebhookRouter, PayPalWebhookRouterDeps } from './paypal-webhook-router.ts';
export { processWebhookEvent } from './process-webhook-event.ts';
export type { ProcessOptions, ProcessOutcome } from './process-webhook-event.ts';
export { createWebhookQueue } from './webhook-queue.ts';
export type { WebhookQueue, WebhookQueueOptions } from './webhook-queue.ts';
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
export type { BillingScheduler, BillingSweepResult } from './billing-sweep.ts';
export { createBillingService } from './create-billing-service.ts';
export type { BillingService, CreateBillingServiceOptions } from './create-billing-service.ts';
export { buildCustomId, parseCustomId } from './custom-id.ts';
export type { SubscriptionIntent } from './custom-id.ts';
export type { BillingDb, BillingLogger } from './billing-types.ts';
export { useEmergencyRelocation, unwrapRelocation } from './use-emergency-relocation.ts';
export type { EmergencyRelocation, EmergencyRelocationOutcome, RelocationFailure } from './use-emergency-relocation.ts';
