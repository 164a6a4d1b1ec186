import { describe, expect, it } from 'vitest';
import { createSelfSignedCert } from './emulator/self-signed-cert.ts';
import { createCertFetcher, headerOf, isAllowedCertUrl, verifyWebhookSignature } from './verify-webhook-signature.ts';
import { signWebhookDelivery, webhookSignatureMessage } from './webhook-signing.ts';

const cert = createSelfSignedCert();
const other = createSelfSignedCert();
const CERT_URL = 'https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-1';
const WEBHOOK_ID = 'WH1TESTWEBHOOK';
const now = new Date();
const body = JSON.stringify({ id: 'WH-1', event_type: 'BILLING.SUBSCRIPTION.ACTIVATED', create_time: now.toISOString(), summary: 's', resource: { id: 'I-1' } });
const pems: Record<string, string> = { [CERT_URL]: cert.certPem };
const fetchCert = async (url: string) => {
  const pem = pems[url];
  if (!pem) throw new Error(`no cert at ${url}`);
  return pem;
};
const signed = (o: Partial<Parameters<typeof signWebhookDelivery>[0]> = {}) =>
  signWebhookDelivery({ privateKey: cert.privateKey, certUrl: CERT_URL, webhookId: WEBHOOK_ID, rawBody: body, transmissionTime: now.toISOString(), ...o });
const verify = (headers: Record<string, string>, rawBody: string | Buffer = body, extra: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
  verifyWebhookSignature({ headers, rawBody, webhookId: WEBHOOK_ID, fetchCert, now, ...extra });

describe('webhookSignatureMessage', () => {
  it('is id|time|webhookId|unsigned decimal crc32 of the raw bytes', () => {
    // CRC-32 of "The quick brown fox jumps over the lazy dog" is 0x414FA339 = 1095738169.
    expect(webhookSignatureMessage('t1', '2026-01-01T00:00:00Z', 'W1', 'The quick brown fox jumps over the lazy dog')).toBe('t1|2026-01-01T00:00:00Z|W1|1095738169');
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts a good signature', async () => {
    const r = await verify(signed());
    expect(r.kind).toBe('ok');
  });

  it('accepts a Buffer body with the same bytes', async () => {
    expect((await verify(signed(), Buffer.from(body))).kind).toBe('ok');
  });

  it.each([
    ['upper case', (k: string) => k.toUpperCase()],
    ['lower case (Express / Starlette, original-defects #1)', (k: string) => k.toLowerCase()],
    ['mixed case', (k: string) => k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())],
  ])('reads headers case-insensitively: %s', async (_n, rename) => {
    const headers = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [rename(k), v]));
    expect((await verify(headers)).kind).toBe('ok');
  });

  it('reads a fetch Headers object', async () => {
    expect((await verify(new Headers(signed()) as never)).kind).toBe('ok');
  });

  it('rejects a tampered body', async () => {
    const r = await verify(signed(), body.replace('ACTIVATED', 'CANCELLED'));
    expect(r).toMatchObject({ kind: 'bad_signature', reason: 'signature does not match' });
  });

  it('rejects a signature made for another webhook id', async () => {
    expect((await verify(signed({ webhookId: 'SOMEONEELSE' }))).kind).toBe('bad_signature');
  });

  it('rejects a signature made with another key', async () => {
    expect((await verify(signed({ privateKey: other.privateKey }))).kind).toBe('bad_signature');
  });

  it.each([
    ['https://evil.example.com/v1/notifications/certs/CERT-1'],
    ['http://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-1'],
    ['https://api-m.sandbox.paypal.com.evil.example/certs/CERT-1'],
    ['https://user:pw@api.paypal.com/certs/CERT-1'],
    ['not a url'],
  ])('rejects cert URL %s (unknown host) without fetching it', async (certUrl) => {
    let fetched = false;
    const r = await verify(signed({ certUrl }), body, { fetchCert: async () => ((fetched = true), cert.certPem) });
    expect(r.kind).toBe('unknown_cert_host');
    expect(fetched).toBe(false);
  });

  it.each([
    [-6 * 60_000, 'stale'],
    [6 * 60_000, 'stale'],
    [-4 * 60_000, 'ok'],
  ])('transmission time offset %i ms -> %s', async (offset, kind) => {
    const t = new Date(now.getTime() + offset).toISOString();
    expect((await verify(signed({ transmissionTime: t }))).kind).toBe(kind);
  });

  it('reports every missing header', async () => {
    const h = signed();
    delete h['PAYPAL-TRANSMISSION-SIG'];
    delete h['PAYPAL-CERT-URL'];
    expect(await verify(h)).toEqual({ kind: 'missing_headers', missing: ['PAYPAL-TRANSMISSION-SIG', 'PAYPAL-CERT-URL'] });
  });

  it('refuses another auth algorithm', async () => {
    expect(await verify({ ...signed(), 'PAYPAL-AUTH-ALGO': 'SHA1withRSA' })).toMatchObject({ kind: 'bad_signature' });
  });

  it('accepts an emulator origin only when it is allow-listed explicitly', async () => {
    const local = 'http://127.0.0.1:8089/v1/notifications/certs/CERT-L';
    pems[local] = cert.certPem;
    expect((await verify(signed({ certUrl: local }))).kind).toBe('unknown_cert_host');
    expect((await verify(signed({ certUrl: local }), body, { allowedCertHosts: ['api.paypal.com', 'http://127.0.0.1:8089'] })).kind).toBe('ok');
  });

  it('reports an unreachable cert host as cert_unavailable (transient)', async () => {
    expect((await verify(signed({ certUrl: 'https://api.paypal.com/v1/notifications/certs/NOPE' }))).kind).toBe('cert_unavailable');
  });

  it('rejects garbage in place of a certificate', async () => {
    expect(await verify(signed(), body, { fetchCert: async () => '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })).toMatchObject({ kind: 'bad_signature' });
  });

  it('rejects an expired certificate', async () => {
    const old = createSelfSignedCert({ now: new Date(now.getTime() - 400 * 86_400_000) });
    const r = await verify(signed({ privateKey: old.privateKey }), body, { fetchCert: async () => old.certPem });
    expect(r).toMatchObject({ kind: 'bad_signature', reason: 'certificate not valid now' });
  });
});

describe('isAllowedCertUrl / headerOf', () => {
  it.each([
    ['https://api.paypal.com/v1/notifications/certs/X', true],
    ['https://api-m.paypal.com/v1/notifications/certs/X', true],
    ['https://api.sandbox.paypal.com/x', true],
    ['https://API-M.SANDBOX.PAYPAL.COM/x', true],
    ['https://paypal.com/x', false],
  ])('%s -> %s', (url, ok) => {
    expect(isAllowedCertUrl(url, ['api.paypal.com', 'api.sandbox.paypal.com', 'api-m.paypal.com', 'api-m.sandbox.paypal.com'])).toBe(ok);
  });

  it('returns the first value of a repeated header', () => {
    expect(headerOf({ 'paypal-transmission-id': ['a', 'b'] }, 'PAYPAL-TRANSMISSION-ID')).toBe('a');
  });
});

describe('createCertFetcher', () => {
  it('downloads a cert once and serves it from the cache; failures are not cached', async () => {
    let calls = 0;
    let fail = true;
    const fakeFetch = (async () => {
      calls++;
      if (fail) return new Response('down', { status: 503 });
      return new Response(cert.certPem, { status: 200 });
    }) as typeof fetch;
    const get = createCertFetcher({ fetch: fakeFetch });
    await expect(get(CERT_URL)).rejects.toThrow(/503/);
    fail = false;
    expect(await get(CERT_URL)).toBe(cert.certPem);
    expect(await get(CERT_URL)).toBe(cert.certPem);
    expect(calls).toBe(2);
    expect(get.cacheSize()).toBe(1);
  });

  it('refuses a response that is not a PEM certificate', async () => {
    const get = createCertFetcher({ fetch: (async () => new Response('<html>', { status: 200 })) as typeof fetch });
    await expect(get(CERT_URL)).rejects.toThrow(/no PEM/);
  });
});
