/**
 * Where the e2e suite finds the platform. Defaults are the embedded platform's ports on loopback; override with
 * E2E_BASE_URL (web) and E2E_GATEWAY_HEALTH_URL (gateway health endpoint).
 */
export const WEB_BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const GATEWAY_HEALTH_URL = process.env.E2E_GATEWAY_HEALTH_URL ?? 'http://127.0.0.1:4000/health';
/** The gateway's origin (its playground, /graphql): E2E_GATEWAY_URL, else the origin of the health URL. */
export const GATEWAY_BASE_URL = (process.env.E2E_GATEWAY_URL ?? new URL(GATEWAY_HEALTH_URL).origin).replace(/\/+$/, '');
/** The PayPal emulator of the embedded platform (its fault controls slow webhooks down for a test). */
export const PAYPAL_EMULATOR_URL = (process.env.E2E_PAYPAL_EMULATOR_URL ?? `http://127.0.0.1:${process.env.PAYPAL_EMULATOR_PORT ?? '8089'}`).replace(/\/+$/, '');
/** How long global setup waits for the web app and the gateway to answer (default 180 s). */
export const STARTUP_TIMEOUT_MS = Number(process.env.E2E_STARTUP_TIMEOUT_MS ?? 180_000);

/** Hosts a page may talk to: the suite runs offline, so any other host is a bug (CDN font, analytics, ...). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when `url` is a loopback http(s)/ws(s) URL, or a browser-internal one (data:, blob:, about:) that never leaves the machine. */
export function isLoopbackUrl(url: string): boolean {
  const parsed = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return LOOPBACK_HOSTS.has(parsed.hostname);
}
