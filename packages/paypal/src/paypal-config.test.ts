import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { DEV_PAYPAL_CLIENT_ID, DEV_PAYPAL_CLIENT_SECRET, DEV_PAYPAL_PLAN_IDS, PAYPAL_CERT_HOSTS, readPayPalConfig } from './paypal-config.ts';

const prod = {
  NODE_ENV: 'production',
  PAYPAL_API_BASE: 'https://api-m.paypal.com',
  PAYPAL_CLIENT_ID: 'AbX7kQ2mN9pR4sT6vW8yZ1cE3gH5jL0',
  PAYPAL_CLIENT_SECRET: 'EL4m9Qx2Rt7Vb1Nc6Zp3Kd8Wf5Hs0Jg2Yu7Ai4Oe9',
  PAYPAL_WEBHOOK_ID: '8PT597110X687430LKGECATA',
};

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
    ['the verification bypass', { PAYPAL_SKIP_WEBHOOK_VALIDATION: 'true' }, /PAYPAL_SKIP_WEBHOOK_VALIDATION/],
    ['an unset client id', { PAYPAL_CLIENT_ID: '' }, /PAYPAL_CLIENT_ID is not set/],
    ['the emulator client id', { PAYPAL_CLIENT_ID: DEV_PAYPAL_CLIENT_ID }, /PAYPAL_CLIENT_ID is a documented default/],
    ['the emulator client secret', { PAYPAL_CLIENT_SECRET: DEV_PAYPAL_CLIENT_SECRET }, /PAYPAL_CLIENT_SECRET is a documented default/],
    ['a placeholder client secret', { PAYPAL_CLIENT_SECRET: 'change-me-paypal-secret-0123456789abcdef' }, /PAYPAL_CLIENT_SECRET is a placeholder/],
    ['a short client secret', { PAYPAL_CLIENT_SECRET: 'live-secret' }, /PAYPAL_CLIENT_SECRET is shorter than 32/],
    ['the dev webhook id', { PAYPAL_WEBHOOK_ID: '' }, /PAYPAL_WEBHOOK_ID is not set/],
    ['a placeholder webhook id', { PAYPAL_WEBHOOK_ID: 'YOUR_WEBHOOK_ID_EXAMPLE' }, /PAYPAL_WEBHOOK_ID is a placeholder/],
    ['a non-PayPal API base', { PAYPAL_API_BASE: 'http://127.0.0.1:8089' }, /PAYPAL_API_BASE/],
  ])('production refuses %s', (_n, patch, message) => {
    expect(() => readPayPalConfig({ ...prod, ...patch })).toThrow(ConfigError);
    expect(() => readPayPalConfig({ ...prod, ...patch })).toThrow(message);
  });

  it('allows the bypass outside production', () => {
    expect(readPayPalConfig({ PAYPAL_SKIP_WEBHOOK_VALIDATION: '1' }).skipWebhookValidation).toBe(true);
  });
});
