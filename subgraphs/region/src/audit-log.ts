/**
 * `Query.auditLog`: the audit trail of admin and owner actions (table audit_log, written through @sw/audit by every
 * admin / owner mutation), for admins holding the audit:view scope. Newest first, filtered and paged.
 */
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { hub } from '@sw/db';
import { DomainError, assertUuid, validatePage } from '@sw/domain';
import { requireAdminScope } from '@sw/service-kit';
import type { RegionContext } from './region-context.ts';

interface AuditLogArgs {
  filter?: { actorUserId?: string | null; regionId?: string | null; action?: string | null; result?: string | null; since?: string | null; until?: string | null } | null;
  first?: number | null;
  offset?: number | null;
}

const RESULTS: Record<string, string> = { OK: 'ok', DENIED: 'denied', FAILED: 'failed' };

function instant(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new DomainError('ERR_VALIDATION', `${field} must be an ISO-8601 date-time`, { field });
  return d;
}

export async function auditLog(_: unknown, args: AuditLogArgs, ctx: RegionContext) {
  requireAdminScope(ctx, 'audit:view');
  const first = args.first ?? 50;
  const offset = args.offset ?? 0;
  const issues = validatePage(first, offset);
  if (issues.length) throw new DomainError('ERR_VALIDATION', issues.map((i) => i.message).join('; '), { issues });
  const f = args.filter ?? {};
  const where: SQL[] = [];
  const t = hub.auditLog;
  if (f.actorUserId) where.push(eq(t.actorUserId, assertUuid(f.actorUserId, 'filter.actorUserId')));
  if (f.regionId) where.push(eq(t.regionId, assertUuid(f.regionId, 'filter.regionId')));
  if (f.action) where.push(eq(t.action, f.action));
  if (f.result) where.push(eq(t.result, RESULTS[f.result] ?? f.result));
  if (f.since) where.push(gte(t.at, instant(f.since, 'filter.since')));
  if (f.until) where.push(lte(t.at, instant(f.until, 'filter.until')));
  const rows = await ctx.db
    .select()
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(t.at), desc(t.id))
    .limit(first)
    .offset(offset);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorUsername: r.actorUsername,
    actorRoles: r.actorRoles,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    regionId: r.regionId,
    result: r.result.toUpperCase(),
    errorCode: r.errorCode,
    details: r.details,
    requestId: r.requestId,
  }));
}
