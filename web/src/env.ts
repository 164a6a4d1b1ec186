import 'server-only';
import { z } from 'zod';

/** An empty string counts as unset, so `GATEWAY_URL= pnpm start` falls back to the default instead of failing. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const serverEnvSchema = z.object({
  /** The gateway's port on this machine (the launcher's GATEWAY_PORT); the defaults below follow it. */
  GATEWAY_PORT: z.preprocess(blankAsUnset, z.coerce.number().int().positive().default(4000)),
  /** Gateway GraphQL endpoint used by server components (never sent to the browser). Default: loopback + GATEWAY_PORT. */
  GATEWAY_URL: z.preprocess(blankAsUnset, z.url().optional()),
  /**
   * Gateway endpoint the BROWSER uses. Unset: the page's own host name with GATEWAY_PORT, so `localhost` and
   * `127.0.0.1` pages stay on the same host as their API. Read per request, so one build serves any port layout.
   */
  GATEWAY_PUBLIC_URL: z.preprocess(blankAsUnset, z.url().optional()),
  /** Milliseconds a server-side gateway request may take before the page renders an error state instead. */
  GATEWAY_TIMEOUT_MS: z.preprocess(blankAsUnset, z.coerce.number().int().positive().default(5000)),
});

export interface ServerEnv {
  GATEWAY_PORT: number;
  GATEWAY_URL: string;
  /** The gateway's origin (scheme://host:port), for its REST endpoints such as the dev login. */
  GATEWAY_ORIGIN: string;
  GATEWAY_PUBLIC_URL: string | null;
  GATEWAY_TIMEOUT_MS: number;
}

let cached: ServerEnv | undefined;

/**
 * Validated server environment, parsed on first use (at request time, not at build time, so `next build` never needs
 * the runtime variables). Throws a readable error listing every bad variable.
 */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse({
    GATEWAY_PORT: process.env.GATEWAY_PORT,
    GATEWAY_URL: process.env.GATEWAY_URL,
    GATEWAY_PUBLIC_URL: process.env.GATEWAY_PUBLIC_URL,
    GATEWAY_TIMEOUT_MS: process.env.GATEWAY_TIMEOUT_MS,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid web environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const gatewayUrl = e.GATEWAY_URL ?? `http://127.0.0.1:${e.GATEWAY_PORT}/graphql`;
  cached = {
    GATEWAY_PORT: e.GATEWAY_PORT,
    GATEWAY_URL: gatewayUrl,
    GATEWAY_ORIGIN: new URL(gatewayUrl).origin,
    GATEWAY_PUBLIC_URL: e.GATEWAY_PUBLIC_URL ?? null,
    GATEWAY_TIMEOUT_MS: e.GATEWAY_TIMEOUT_MS,
  };
  return cached;
}
