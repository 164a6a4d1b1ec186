import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { DEV_PAYPAL_PLAN_IDS, PAYPAL_CERT_HOSTS, readPayPalConfig } from './paypal-config.ts';

const prod = { NODE_ENV: 'production', PAYPAL_API_BASE: 'https://api-m.paypal.com', PAYPAL_CLIENT_ID: 'live-id', PAYPAL_CLIENT_SECRET: 'live-secret', PAYPAL_WEBHOOK_ID: 'LIVEHOOK1' };

describe('readPayPalConfig', () => {
  it('defaults to the local emulator and allow-lists its origin for certs (dev only)', () => {
    const c = readPayPalConfig({});
    expect(c.apiBase).toBe('http://127.0.0.1:8089');
    expect(c.planIds).toEqual(DEV_PAYPAL_PLAN_IDS);
    expect(c.allowedCertHosts).toEqual([...PAYPAL_CERT_HOSTS, 'http://127.0.0.1:8089']);
    expect(readPayPalConfig({ PAYPAL_EMULATOR_PORT: '9999' }).apiBase).toBe('http://127.0.0.1:9999');
  });

  it('accepts a real production configuration with only PayPal cert hosts', () => {
    const c = readPayPalConfig(prod);
    expect(c.allowedCertHosts).toEqual([...PAYPAL_CERT_HOSTS]);
    expect(c.skipWebhookValidation).toBe(false);
  });

  it.each([
    ['the verification bypass', { PAYPAL_SKIP_WEBHOOK_VALIDATION: 'true' }],
    ['dev credentials', { PAYPAL_CLIENT_ID: '' }],
    ['the dev webhook id', { PAYPAL_WEBHOOK_ID: '' }],
    ['a non-PayPal API base', { PAYPAL_API_BASE: 'http://127.0.0.1:8089' }],
  ])('production refuses %s', (_n, patch) => {
    expect(() => readPayPalConfig({ ...prod, ...patch })).toThrow(ConfigError);
  });

  it('allows the bypass outside production', () => {
    expect(readPayPalConfig({ PAYPAL_SKIP_WEBHOOK_VALIDATION: '1' }).skipWebhookValidation).toBe(true);
  });
});
