/** @sw/paypal — typed PayPal REST client, offline webhook verification and configuration. */
export { createPayPalClient, TOKEN_REFRESH_MARGIN_MS } from './paypal-client.ts';
export type { ListPlansQuery, PayPalClient, PayPalClientOptions } from './paypal-client.ts';
export { PayPalApiError } from './paypal-api-error.ts';
export {
  DEFAULT_PAYPAL_EMULATOR_PORT,
  DEV_PAYPAL_CLIENT_ID,
  DEV_PAYPAL_CLIENT_SECRET,
  DEV_PAYPAL_PLAN_IDS,
  DEV_PAYPAL_WEBHOOK_ID,
  PAYPAL_CERT_HOSTS,
  readPayPalConfig,
} from './paypal-config.ts';
export type { PayPalConfig } from './paypal-config.ts';
export { createCertFetcher, headerOf, isAllowedCertUrl, verifyWebhookSignature } from './verify-webhook-signature.ts';
export type { CertFetcherOptions, HeadersLike, VerifyWebhookSignatureInput, WebhookVerification } from './verify-webhook-signature.ts';
export { PAYPAL_AUTH_ALGO, signWebhookDelivery, webhookSignatureMessage } from './webhook-signing.ts';
export type { SignWebhookInput } from './webhook-signing.ts';
export { approvalLinkOf } from './paypal-types.ts';
export type {
  CreateSubscriptionRequest,
  PayPalBillingInfo,
  PayPalErrorBody,
  PayPalLink,
  PayPalMoney,
  PayPalPlan,
  PayPalPlanCollection,
  PayPalSubscriber,
  PayPalSubscription,
  PayPalSubscriptionStatus,
  PayPalWebhookEvent,
} from './paypal-types.ts';
