import { sessionsRevokedSince } from '@sw/accounts';
import type { HubDb } from '@sw/db';
import { channels, type EventBus } from '@sw/events';
import type { Logger } from 'pino';

/**
 * The gateway's view of ended sessions (docs/decisions/auth.md "Revocation"). Access tokens are stateless JWTs that
 * carry their session id (`sid`); a session that ended is remembered here until every access token it could have
 * issued has expired, so an ended session's HTTP requests are refused and its WebSockets closed at once.
 * Fed by: this gateway's own sign-outs, the `auth.sessions.revoked` Redis channel (other gateways), and a periodic
 * read of auth_sessions (covers events missed while Redis was unreachable, and a restart).
 */
export class SessionRevocations {
  private readonly retainMs: number;
  private readonly until = new Map<string, number>();
  private readonly listeners = new Set<(sessionIds: readonly string[]) => void>();

  /** `retainMs`: how long a revoked id is kept (at least the access token lifetime). */
  constructor(retainMs: number) {
    this.retainMs = retainMs;
  }

  /** True when the session ended (a token without `sid`, e.g. a dev-login token, is never revoked here). */
  isRevoked(sessionId: string | undefined): boolean {
    return sessionId !== undefined && this.until.has(sessionId);
  }

  /** Records ended sessions and tells the listeners (the WebSocket server) about the new ones. */
  revoke(sessionIds: readonly string[], nowMs: number = Date.now()): void {
    const fresh = sessionIds.filter((id) => !this.until.has(id));
    for (const id of sessionIds) this.until.set(id, nowMs + this.retainMs);
    this.prune(nowMs);
    if (fresh.length === 0) return;
    for (const l of this.listeners) l(fresh);
  }

  /** Calls `listener` with the ids of sessions that just ended; returns the unsubscribe function. */
  onRevoked(listener: (sessionIds: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.until.size;
  }

  private prune(nowMs: number): void {
    for (const [id, until] of this.until) if (until <= nowMs) this.until.delete(id);
  }
}

export interface RevocationFeed {
  /** Resolves after the first read of auth_sessions (or its failure, which is logged). */
  ready: Promise<void>;
  /** Announces ended sessions to every gateway (and records them here first). */
  announce(revoked: { userId: string; sessionIds: readonly string[]; reason: string }): Promise<void>;
  stop(): void;
}

/**
 * Keeps `revocations` current from the bus and the database: reads sessions revoked within the retention window
 * now and every `resyncMs`, and applies every `auth.sessions.revoked` event.
 */
export function startRevocationFeed(opts: {
  revocations: SessionRevocations;
  bus: EventBus | null;
  db: HubDb | null;
  retainMs: number;
  resyncMs: number;
  logger: Logger;
}): RevocationFeed {
  const { revocations, bus, db, logger } = opts;
  const sub = bus?.subscribe<{ sessionIds?: unknown }>(channels.sessionsRevoked(), { bufferSize: 10_000 });
  let stopped = false;
  if (sub) {
    void (async () => {
      for await (const event of sub) {
        const ids = Array.isArray(event?.sessionIds) ? event.sessionIds.filter((s): s is string => typeof s === 'string') : [];
        if (ids.length > 0) revocations.revoke(ids);
      }
    })().catch((err: unknown) => logger.warn({ err }, 'session revocation feed ended'));
  }
  const resync = async () => {
    if (!db || stopped) return;
    try {
      revocations.revoke(await sessionsRevokedSince(db, new Date(Date.now() - opts.retainMs)));
    } catch (err) {
      logger.warn({ err }, 'could not read revoked sessions; retrying at the next resync');
    }
  };
  const ready = Promise.all([resync(), sub?.ready.catch((err: unknown) => logger.warn({ err }, 'revocation channel not subscribed'))]).then(() => undefined);
  const timer = setInterval(() => void resync(), opts.resyncMs);
  timer.unref();
  return {
    ready,
    async announce(revoked) {
      revocations.revoke(revoked.sessionIds);
      await bus?.publish(channels.sessionsRevoked(), revoked);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      sub?.close();
    },
  };
}
