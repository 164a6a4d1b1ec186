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

/** Inserts one audit row through a postgres.js client or transaction. */
export async function recordAudit(sql: postgres.Sql | postgres.TransactionSql, e: AuditEntry): Promise<void> {
  const r = auditRow(e);
  await sql`
    INSERT INTO audit_log (actor_user_id, actor_username, actor_roles, action, target_type, target_id, region_id, result,
                           error_code, details, request_id)
    VALUES (${r.actorUserId ?? null}, ${r.actorUsername ?? null}, ${r.actorRoles ?? []}::text[], ${r.action}, ${r.targetType ?? null},
            ${r.targetId ?? null}, ${r.regionId ?? null}, ${r.result}, ${r.errorCode ?? null},
            ${JSON.stringify(r.details ?? {})}::jsonb, ${r.requestId ?? null})`;
}

/**
 * Runs `work` (an admin or owner operation) and records its outcome: `ok`, or the code of the DomainError it threw
 * (which is rethrown). A failure to write the audit row is reported to `onAuditError` and never changes the answer.
 */
export async function audited<T>(
  sql: postgres.Sql,
  entry: Omit<AuditEntry, 'result' | 'errorCode'>,
  work: () => Promise<T>,
  onAuditError: (err: unknown) => void,
): Promise<T> {
  const write = (result: AuditResult, errorCode: string | null) =>
    recordAudit(sql, { ...entry, result, errorCode }).catch(onAuditError);
  let value: T;
  try {
    value = await work();
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'ERR_INTERNAL';
    await write(auditResultOf(code), code);
    throw err;
  }
  await write('ok', null);
  return value;
}
