/**
 * The subset of PayPal's Subscriptions / Webhooks schemas the platform reads and writes
 * (billing_subscriptions_v1.json 1.6, notifications_webhooks_v1.json 1.11).
 */
export interface PayPalLink {
  href: string;
  rel: string;
  method?: string;
}

export interface PayPalMoney {
  currency_code: string;
  value: string;
}

export type PayPalSubscriptionStatus = 'APPROVAL_PENDING' | 'APPROVED' | 'ACTIVE' | 'SUSPENDED' | 'CANCELLED' | 'EXPIRED';

export interface PayPalSubscriber {
  payer_id?: string;
  email_address?: string;
  name?: { given_name?: string; surname?: string };
}

export interface PayPalBillingInfo {
  outstanding_balance?: PayPalMoney;
  cycle_executions?: Array<{ tenure_type: string; sequence: number; cycles_completed: number; cycles_remaining?: number; total_cycles?: number }>;
  last_payment?: { amount: PayPalMoney; time: string };
  next_billing_time?: string;
  failed_payments_count?: number;
  last_failed_payment?: { amount: PayPalMoney; time: string; reason_code?: string };
}

export interface PayPalSubscription {
  id: string;
  status: PayPalSubscriptionStatus;
  status_change_note?: string;
  status_update_time?: string;
  plan_id?: string;
  start_time?: string;
  quantity?: string;
  custom_id?: string;
  subscriber?: PayPalSubscriber;
  billing_info?: PayPalBillingInfo;
  create_time?: string;
  update_time?: string;
  plan_overridden?: boolean;
  links?: PayPalLink[];
}

export interface PayPalPlan {
  id: string;
  product_id?: string;
  name?: string;
  status?: 'CREATED' | 'INACTIVE' | 'ACTIVE';
  description?: string;
  usage_type?: string;
  billing_cycles?: Array<{
    frequency: { interval_unit: string; interval_count: number };
    tenure_type: string;
    sequence: number;
    total_cycles: number;
    pricing_scheme?: { fixed_price?: PayPalMoney; version?: number };
  }>;
  payment_preferences?: { auto_bill_outstanding?: boolean; payment_failure_threshold?: number; setup_fee_failure_action?: string };
  quantity_supported?: boolean;
  create_time?: string;
  update_time?: string;
  links?: PayPalLink[];
}

export interface PayPalPlanCollection {
  plans: PayPalPlan[];
  total_items?: number;
  total_pages?: number;
  links?: PayPalLink[];
}

export interface CreateSubscriptionRequest {
  plan_id: string;
  start_time?: string;
  quantity?: string;
  custom_id?: string;
  subscriber?: PayPalSubscriber;
  application_context?: {
    brand_name?: string;
    locale?: string;
    shipping_preference?: 'GET_FROM_FILE' | 'NO_SHIPPING' | 'SET_PROVIDED_ADDRESS';
    user_action?: 'CONTINUE' | 'SUBSCRIBE_NOW';
    return_url?: string;
    cancel_url?: string;
  };
}

/** Webhook event envelope. */
export interface PayPalWebhookEvent {
  id: string;
  event_version?: string;
  create_time: string;
  resource_type?: string;
  resource_version?: string;
  event_type: string;
  summary: string;
  resource: Record<string, unknown>;
  links?: PayPalLink[];
}

/** PayPal's error body (`error_400` … `error_503`). */
export interface PayPalErrorBody {
  name: string;
  message: string;
  debug_id: string;
  details?: Array<{ field?: string; value?: string; location?: string; issue: string; description?: string }>;
  links?: PayPalLink[];
}

/** The approval link (`rel: approve`) of a freshly created subscription, or null. */
export function approvalLinkOf(s: Pick<PayPalSubscription, 'links'>): string | null {
  return s.links?.find((l) => l.rel === 'approve')?.href ?? null;
}
