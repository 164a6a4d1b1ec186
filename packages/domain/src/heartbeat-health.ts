/**
 * Region-server health rule (Agones defaults): heartbeat period 5 s,
 * failure threshold 3 (≈15 s without a heartbeat ⇒ unhealthy), initial delay 5 s after start. A known
 * process exit wins over the timer and names the cause (OOM, crash with code/signal), so "why is my
 * region unhealthy?" always has an answer.
 */
export const HEARTBEAT_DEFAULTS = { periodMs: 5_000, failureThreshold: 3, initialDelayMs: 5_000 } as const;

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  oom?: boolean;
}

export interface HeartbeatInput {
  now: number;
  startedAt: number;
  lastHeartbeatAt: number | null;
  exit?: ProcessExit | null;
  periodMs?: number;
  failureThreshold?: number;
  initialDelayMs?: number;
}

export type HeartbeatHealth =
  | { healthy: true }
  | { healthy: false; reason: 'crash' | 'oom' | 'missed_heartbeats'; message: string };

/** Evaluates one region-server's health; called by the health monitor every period. */
export function heartbeatHealth(input: HeartbeatInput): HeartbeatHealth {
  const period = input.periodMs ?? HEARTBEAT_DEFAULTS.periodMs;
  const threshold = input.failureThreshold ?? HEARTBEAT_DEFAULTS.failureThreshold;
  const initialDelay = input.initialDelayMs ?? HEARTBEAT_DEFAULTS.initialDelayMs;
  if (input.exit) {
    if (input.exit.oom) return { healthy: false, reason: 'oom', message: 'region-server was killed for exceeding its memory limit' };
    const how = input.exit.signal ? `signal ${input.exit.signal}` : `code ${input.exit.code}`;
    return { healthy: false, reason: 'crash', message: `region-server exited with ${how}` };
  }
  const since = input.lastHeartbeatAt ?? input.startedAt + initialDelay;
  const missed = Math.floor((input.now - since) / period);
  if (missed >= threshold) {
    return { healthy: false, reason: 'missed_heartbeats', message: `no heartbeat for ${Math.round((input.now - since) / 1000)} s (${missed} periods)` };
  }
  return { healthy: true };
}
