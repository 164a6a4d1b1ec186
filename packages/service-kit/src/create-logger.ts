import { pino } from 'pino';
import type { Logger } from 'pino';
import { readEnv } from '@sw/config';
import { traceMixin } from './tracing.ts';

export type { Logger } from 'pino';

/**
 * A pino JSON logger writing to stdout at LOG_LEVEL (default info), tagged with `service`. Create one per
 * process/service at startup; per-request loggers are children created lazily by the service kit. Every line logged
 * inside a traced request carries its `traceId` and `spanId` (tracing.ts).
 */
export function createLogger(service: string, opts: { level?: string } = {}): Logger {
  return pino({
    level: opts.level ?? readEnv('LOG_LEVEL', 'info'),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceMixin,
  });
}
