import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { createPayPalClient, DEV_PAYPAL_PLAN_IDS } from '@sw/paypal';
import { createPayPalWebhookRouter, isWebhookEnvelope } from './paypal-webhook-router.ts';

describe('createPayPalWebhookRouter', () => {
  it('refuses to build with verification disabled in production', () => {
    const deps = { sql: {} as never, paypal: createPayPalClient(), webhookId: 'W1', planIds: DEV_PAYPAL_PLAN_IDS, skipVerification: true };
    expect(() => createPayPalWebhookRouter({ ...deps, env: { NODE_ENV: 'production' } })).toThrow(ConfigError);
    const devRouter = createPayPalWebhookRouter({ ...deps, env: { NODE_ENV: 'development' } });
    expect(typeof devRouter).toBe('function');
    void devRouter.inbox.stop();
  });
});

describe('isWebhookEnvelope', () => {
  const ok = { id: 'WH-1', event_type: 'BILLING.SUBSCRIPTION.ACTIVATED', resource: { id: 'I-1' }, create_time: '2026-01-01T00:00:00Z', summary: 'x' };
  it.each([
    [ok, true],
    [{ ...ok, summary: undefined }, false],
    [{ ...ok, resource: [] }, false],
    [{ ...ok, resource: null }, false],
    [{ ...ok, id: '' }, false],
    [{ ...ok, id: 'x'.repeat(256) }, false],
    [{ ...ok, event_type: 7 }, false],
    [{ ...ok, create_time: undefined }, false],
    [[ok], false],
    [null, false],
    ['WH-1', false],
  ])('%j -> %s', (v, expected) => {
    expect(isWebhookEnvelope(v)).toBe(expected);
  });
});
