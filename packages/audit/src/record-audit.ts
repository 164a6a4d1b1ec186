import type postgres from 'postgres';
import type { Claims } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { httpStatusOf } from '@sw/domain';

/**
 * The audit trail of admin and owner actions (table audit_log, append-only; docs/decisions/auth.md "Audit log").
 * Call `recordAudit` (postgres.js) or `insertAudit` (drizzle, inside your command's transaction) for every admin or
 * owner mutation, with its result: `ok`, `denied` (an authorization refusal) or `failed` (any other error code).
 */
export type AuditResult = (typeof hub.AUDIT_RESULTS)[number];

export interface AuditEntry {
  actor: Claims | null;
  /** `<area>.<operation>`, e.g. `orchestrator.scaleRegion`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  regionId?: string | null;
  result: AuditResult;
  errorCode?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** `denied` for authentication / authorization codes (HTTP 401, 403), `failed` for every other code. */
export function auditResultOf(errorCode: string | null | undefined): AuditResult {
  if (!errorCode) return 'ok';
  const status = httpStatusOf(errorCode);
  return status === 401 || status === 403 ? 'denied' : 'failed';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row to insert; ids that are not uuids (dev tokens, bad input) are kept in details instead of failing. */
export function auditRow(e: AuditEntry): typeof hub.auditLog.$inferInsert {
  const details: Record<string, unknown> = { ...e.details };
  const actorId = e.actor?.sub && UUID.test(e.actor.sub) ? e.actor.sub : null;
  if (e.actor && actorId === null) details.actorSub = e.actor.sub;
  const regionId = e.regionId && UUID.test(e.regionId) ? e.regionId : null;
  if (e.regionId && regionId === null) details.regionRef = e.regionId;
  return {
    actorUserId: actorId,
    actorUsername: e.actor?.username.slice(0, 50) ?? null,
    actorRoles: e.actor ? [...e.actor.roles] : [],
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    regionId,
    result: e.result,
    errorCode: e.errorCode ?? null,
    details,
    requestId: e.requestId ?? null,
  };
}

/** Inserts one audit row through a drizzle handle or transaction (use inside the command's transaction). */
export async function insertAudit(db: Pick<HubDb, 'insert'>, e: AuditEntry): Promise<void> {
  await db.insert(hub.auditLog).values(auditRow(e));
}

/**
 * Inserts one audit row through a postgres.js client or transaction. `details` travels as text and is cast in SQL: a
 * plain postgres.js client would otherwise send the JSON text as a json string value (a jsonb string, not an object).
 */
export async function recordAudit(sql: postgres.Sql | postgres.TransactionSql, e: AuditEntry): Promise<void> {
  const r = auditRow(e);
  await sql`
    INSERT INTO audit_log (actor_user_id, actor_username, actor_roles, action, target_type, target_id, region_id, result,
                           error_code, details, request_id)
    VALUES (${r.actorUserId ?? null}, ${r.actorUsername ?? null}, ${r.actorRoles ?? []}::text[], ${r.action}, ${r.targetType ?? null},
            ${r.targetId ?? null}, ${r.regionId ?? null}, ${r.result}, ${r.errorCode ?? null},
            ${JSON.stringify(r.details ?? {})}::text::jsonb, ${r.requestId ?? null})`;
}

/** What a command may add to the entry when it writes its ok row (e.g. the id of the region it just created). */
export interface AuditRefinement {
  targetId?: string | null;
  regionId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes the operation's `ok` row inside the command's own transaction (postgres.js), so the change and its audit row
 * commit together: if the audit insert fails, the transaction — and the change — rolls back. Call it last in the
 * transaction, only on the path that commits the change.
 */
export type AuditInTransaction = (tx: postgres.TransactionSql, refinement?: AuditRefinement) => Promise<void>;

/**
 * Runs `work` (an admin or owner operation) and records its outcome (docs/decisions/auth.md "Audit log"):
 *
 * - `ok`: a command that owns a transaction calls the `auditOk` it is handed inside that transaction, so the row
 *   commits with the change (a crash can lose neither alone). When `work` ends without having called it (no
 *   transaction of its own, or an idempotent repeat that changed nothing) the `ok` row is written after it.
 * - a thrown error: its code (a DomainError's, else ERR_INTERNAL) is written after `work`, in its own statement (the
 *   command's transaction, if any, has rolled back), and the error is rethrown.
 *
 * A failure to write a row OUTSIDE the command's transaction is reported to `onAuditError` and never changes the
 * answer; a failure inside it fails the command (that is the point).
 */
export async function audited<T>(
  sql: postgres.Sql,
  entry: Omit<AuditEntry, 'result' | 'errorCode'>,
  work: (auditOk: AuditInTransaction) => Promise<T>,
  onAuditError: (err: unknown) => void,
): Promise<T> {
  const write = (result: AuditResult, errorCode: string | null) =>
    recordAudit(sql, { ...entry, result, errorCode }).catch(onAuditError);
  let writtenInTransaction = false;
  const auditOk: AuditInTransaction = async (tx, refinement = {}) => {
    await recordAudit(tx, {
      ...entry,
      ...(refinement.targetId !== undefined ? { targetId: refinement.targetId } : {}),
      ...(refinement.regionId !== undefined ? { regionId: refinement.regionId } : {}),
      details: { ...entry.details, ...refinement.details },
      result: 'ok',
      errorCode: null,
    });
    writtenInTransaction = true;
  };
  let value: T;
  try {
    value = await work(auditOk);
  } catch (err) {
    // Stable codes are ERR_*; anything else (a database error's SQLSTATE, a crash) is recorded as ERR_INTERNAL.
    const raw = (err as { code?: unknown } | null)?.code;
    const code = typeof raw === 'string' && raw.startsWith('ERR_') ? raw : 'ERR_INTERNAL';
    await write(auditResultOf(code), code);
    throw err;
  }
  if (!writtenInTransaction) await write('ok', null);
  return value;
}
