import 'server-only';
import { z } from 'zod';

/** An empty string counts as unset, so `GATEWAY_URL= pnpm start` falls back to the default instead of failing. */
const optionalUrl = (fallback: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url().default(fallback));

const serverEnvSchema = z.object({
  /** Gateway GraphQL endpoint used by server components (never sent to the browser). */
  GATEWAY_URL: optionalUrl('http://127.0.0.1:4000/graphql'),
  /** Milliseconds a server-side gateway request may take before the page renders an error state instead. */
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

/**
 * Validated server environment, parsed on first use (at request time, not at build time, so `next build` never needs
 * the runtime variables). Throws a readable error listing every bad variable.
 */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse({
    GATEWAY_URL: process.env.GATEWAY_URL,
    GATEWAY_TIMEOUT_MS: process.env.GATEWAY_TIMEOUT_MS || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid web environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}
