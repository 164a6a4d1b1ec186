import { ConfigError, isProduction, readEnv, readEnvBool, readEnvInt, secretProblem } from '@sw/config';
import type { BillingPlan } from '@sw/domain';

/** PayPal's own API hosts: the only hosts a webhook's PAYPAL-CERT-URL may point at (https only). */
export const PAYPAL_CERT_HOSTS = ['api.paypal.com', 'api.sandbox.paypal.com', 'api-m.paypal.com', 'api-m.sandbox.paypal.com'] as const;

/** Default port of the local PayPal emulator (PAYPAL_EMULATOR_PORT). */
export const DEFAULT_PAYPAL_EMULATOR_PORT = 8089;
/** Embedded-default credentials the emulator accepts; real deployments set PAYPAL_CLIENT_ID/SECRET. */
export const DEV_PAYPAL_CLIENT_ID = 'sw-dev-paypal-client';
export const DEV_PAYPAL_CLIENT_SECRET = 'sw-dev-paypal-secret';
/** Webhook id of the embedded default (PayPal webhook ids are [A-Za-z0-9]+). */
export const DEV_PAYPAL_WEBHOOK_ID = 'SWDEVWEBHOOK0001';
/** Plan ids the emulator seeds; production sets PAYPAL_<PLAN>_PLAN_ID to the real plan ids. */
export const DEV_PAYPAL_PLAN_IDS: Readonly<Record<BillingPlan, string>> = {
  regional_owner: 'P-SWREGIONALOWNER0001',
  galactic_citizen: 'P-SWGALACTICCITIZEN01',
};

export interface PayPalConfig {
  /** REST base URL, no trailing slash (PAYPAL_API_BASE; default: the local emulator). */
  apiBase: string;
  clientId: string;
  clientSecret: string;
  /** Our subscribed webhook's id, part of every signed message (PAYPAL_WEBHOOK_ID). */
  webhookId: string;
  planIds: Record<BillingPlan, string>;
  /** Dev-only bypass of signature verification (PAYPAL_SKIP_WEBHOOK_VALIDATION); refused in production. */
  skipWebhookValidation: boolean;
  /** Cert URL allow-list: PayPal hosts, plus the emulator origin when PAYPAL_API_BASE is not PayPal (non-production). */
  allowedCertHosts: string[];
  /** Where PayPal sends the buyer after approval / cancel (PAYPAL_RETURN_URL / PAYPAL_CANCEL_URL). */
  returnUrl: string;
  cancelUrl: string;
}

function isPayPalHost(url: string): boolean {
  try {
    return (PAYPAL_CERT_HOSTS as readonly string[]).includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Reads the PayPal configuration. Throws ConfigError when production would run with the signature bypass, against a
 * non-PayPal API base, or with credentials that are unset, the emulator's, placeholders, or (the client secret) weak
 * by the shared secret rules of @sw/config (fail closed at startup, every problem listed, no value printed).
 */
export function readPayPalConfig(env: NodeJS.ProcessEnv = process.env): PayPalConfig {
  const port = readEnvInt('PAYPAL_EMULATOR_PORT', DEFAULT_PAYPAL_EMULATOR_PORT, env);
  const apiBase = readEnv('PAYPAL_API_BASE', `http://127.0.0.1:${port}`, env).replace(/\/+$/, '');
  const prod = isProduction(env);
  const cfg: PayPalConfig = {
    apiBase,
    clientId: readEnv('PAYPAL_CLIENT_ID', DEV_PAYPAL_CLIENT_ID, env),
    clientSecret: readEnv('PAYPAL_CLIENT_SECRET', DEV_PAYPAL_CLIENT_SECRET, env),
    webhookId: readEnv('PAYPAL_WEBHOOK_ID', DEV_PAYPAL_WEBHOOK_ID, env),
    planIds: {
      regional_owner: readEnv('PAYPAL_REGIONAL_OWNER_PLAN_ID', DEV_PAYPAL_PLAN_IDS.regional_owner, env),
      galactic_citizen: readEnv('PAYPAL_GALACTIC_CITIZEN_PLAN_ID', DEV_PAYPAL_PLAN_IDS.galactic_citizen, env),
    },
    skipWebhookValidation: readEnvBool('PAYPAL_SKIP_WEBHOOK_VALIDATION', false, env),
    allowedCertHosts: [...PAYPAL_CERT_HOSTS],
    returnUrl: readEnv('PAYPAL_RETURN_URL', 'http://127.0.0.1:3000/billing/return', env),
    cancelUrl: readEnv('PAYPAL_CANCEL_URL', 'http://127.0.0.1:3000/billing/cancel', env),
  };
  if (!prod && !isPayPalHost(apiBase)) cfg.allowedCertHosts.push(new URL(apiBase).origin);
  if (prod) {
    const problems = [
      cfg.skipWebhookValidation ? 'PAYPAL_SKIP_WEBHOOK_VALIDATION must not be set in production' : null,
      isPayPalHost(apiBase) ? null : 'PAYPAL_API_BASE must be a PayPal host in production',
      secretProblem('PAYPAL_CLIENT_SECRET', env.PAYPAL_CLIENT_SECRET, { defaults: [DEV_PAYPAL_CLIENT_SECRET] }),
      // Identifiers, not secrets: any length, but never the emulator's or a placeholder.
      secretProblem('PAYPAL_CLIENT_ID', env.PAYPAL_CLIENT_ID, { defaults: [DEV_PAYPAL_CLIENT_ID], minLength: 1 }),
      secretProblem('PAYPAL_WEBHOOK_ID', env.PAYPAL_WEBHOOK_ID, { defaults: [DEV_PAYPAL_WEBHOOK_ID], minLength: 1 }),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) throw new ConfigError(`refusing PayPal configuration in production: ${problems.join('; ')}`);
  }
  return cfg;
}
