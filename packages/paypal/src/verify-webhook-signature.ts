import { X509Certificate, createVerify } from 'node:crypto';
import { WEBHOOK_REPLAY_WINDOW_MS, isWithinReplayWindow } from '@sw/domain';
import { PAYPAL_CERT_HOSTS } from './paypal-config.ts';
import { PAYPAL_AUTH_ALGO, webhookSignatureMessage } from './webhook-signing.ts';

export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** Case-insensitive header lookup (docs/rules/original-defects.md #1: the original looked up upper-case names on lower-cased headers). */
export function headerOf(headers: HeadersLike, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() !== wanted || v === undefined) continue;
    return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

export type WebhookVerification =
  | { kind: 'ok'; transmissionId: string; transmissionTime: Date; certUrl: string }
  | { kind: 'missing_headers'; missing: string[] }
  /** Transmission time outside the replay window (or unparsable). */
  | { kind: 'stale'; transmissionTime: string }
  | { kind: 'unknown_cert_host'; certUrl: string }
  | { kind: 'bad_signature'; reason: string }
  /** The allow-listed cert host could not be reached: transient, PayPal should redeliver. */
  | { kind: 'cert_unavailable'; reason: string };

export interface VerifyWebhookSignatureInput {
  headers: HeadersLike;
  /** Exact bytes received; never a re-serialised JSON. */
  rawBody: Buffer | Uint8Array | string;
  /** OUR webhook's id (PAYPAL_WEBHOOK_ID). */
  webhookId: string;
  /** Returns the PEM at a cert URL (use createCertFetcher for caching). Only called for allow-listed URLs. */
  fetchCert: (url: string) => Promise<string>;
  /** Bare hosts (https only) or origins such as `http://127.0.0.1:8089` (the emulator). Default: PayPal's hosts. */
  allowedCertHosts?: readonly string[];
  now?: Date;
  replayWindowMs?: number;
}

const REQUIRED = ['PAYPAL-TRANSMISSION-ID', 'PAYPAL-TRANSMISSION-TIME', 'PAYPAL-TRANSMISSION-SIG', 'PAYPAL-CERT-URL'] as const;

/** True when `certUrl` is on the allow-list: a bare host entry needs https, an origin entry must match exactly. */
export function isAllowedCertUrl(certUrl: string, allowed: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(certUrl);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  return allowed.some((entry) => (entry.includes('://') ? new URL(entry).origin === u.origin : u.protocol === 'https:' && u.hostname === entry.toLowerCase()));
}

const certCache = new Map<string, X509Certificate>();

/**
 * Verifies a PayPal webhook delivery offline: required headers present,
 * transmission time within the replay window, cert URL on the allow-list, cert valid now, RSA-SHA256
 * signature over `transmissionId|transmissionTime|webhookId|crc32(rawBody)`.
 */
export async function verifyWebhookSignature(input: VerifyWebhookSignatureInput): Promise<WebhookVerification> {
  const h = Object.fromEntries(REQUIRED.map((n) => [n, headerOf(input.headers, n)?.trim() || undefined]));
  const missing = REQUIRED.filter((n) => !h[n]);
  if (missing.length) return { kind: 'missing_headers', missing };
  const transmissionId = h['PAYPAL-TRANSMISSION-ID']!;
  const transmissionTime = h['PAYPAL-TRANSMISSION-TIME']!;
  const certUrl = h['PAYPAL-CERT-URL']!;
  const algo = headerOf(input.headers, 'PAYPAL-AUTH-ALGO')?.trim() || PAYPAL_AUTH_ALGO;
  const now = input.now ?? new Date();

  if (!isWithinReplayWindow(transmissionTime, now, input.replayWindowMs ?? WEBHOOK_REPLAY_WINDOW_MS)) {
    return { kind: 'stale', transmissionTime };
  }
  if (!isAllowedCertUrl(certUrl, input.allowedCertHosts ?? PAYPAL_CERT_HOSTS)) return { kind: 'unknown_cert_host', certUrl };
  if (algo.toLowerCase() !== PAYPAL_AUTH_ALGO.toLowerCase()) return { kind: 'bad_signature', reason: `unsupported auth algo ${algo}` };

  let pem: string;
  try {
    pem = await input.fetchCert(certUrl);
  } catch (err) {
    return { kind: 'cert_unavailable', reason: (err as Error).message };
  }
  let cert = certCache.get(pem);
  if (!cert) {
    try {
      cert = new X509Certificate(pem);
    } catch {
      return { kind: 'bad_signature', reason: 'certificate is not a valid X.509 PEM' };
    }
    if (certCache.size > 100) certCache.clear();
    certCache.set(pem, cert);
  }
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) return { kind: 'bad_signature', reason: 'certificate not valid now' };

  const message = webhookSignatureMessage(transmissionId, transmissionTime, input.webhookId, input.rawBody);
  const sig = Buffer.from(h['PAYPAL-TRANSMISSION-SIG']!, 'base64');
  let valid = false;
  try {
    valid = createVerify('sha256').update(message).verify(cert.publicKey, sig);
  } catch {
    valid = false;
  }
  if (!valid) return { kind: 'bad_signature', reason: 'signature does not match' };
  return { kind: 'ok', transmissionId, transmissionTime: new Date(transmissionTime), certUrl };
}

export interface CertFetcherOptions {
  fetch?: typeof fetch;
  /** How long a downloaded cert is reused (default 24 h). */
  ttlMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Downloads certs by URL and caches them (PayPal rotates certs rarely; every delivery names one).
 * Concurrent requests for the same URL share one download; failures are not cached.
 */
export function createCertFetcher(opts: CertFetcherOptions = {}): ((url: string) => Promise<string>) & { cacheSize(): number } {
  const doFetch = opts.fetch ?? fetch;
  const ttlMs = opts.ttlMs ?? 86_400_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { pem: Promise<string>; expiresAt: number }>();
  const get = (url: string): Promise<string> => {
    const hit = cache.get(url);
    if (hit && hit.expiresAt > now()) return hit.pem;
    const pem = (async () => {
      const res = await doFetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000), redirect: 'error' });
      if (!res.ok) throw new Error(`cert download ${url} answered ${res.status}`);
      const text = await res.text();
      if (!text.includes('BEGIN CERTIFICATE')) throw new Error(`cert download ${url} returned no PEM certificate`);
      return text;
    })();
    if (cache.size > 50) cache.clear();
    cache.set(url, { pem, expiresAt: now() + ttlMs });
    pem.catch(() => cache.delete(url));
    return pem;
  };
  return Object.assign(get, { cacheSize: () => cache.size });
}
