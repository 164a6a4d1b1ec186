/**
 * One runtime mutation (provision / scale / terminate / cancel termination), audited the same way from GraphQL and
 * from the region-manager REST routes (docs/decisions/auth.md "Audit log"): the command writes its `ok` row inside its
 * own transaction, so the change and the row commit together; a refusal or failure is written after it. Returns the
 * changed region or throws the outcome's DomainError.
 */
import { audited, type AuditInTransaction } from '@sw/audit';
import type { Claims } from '@sw/auth';
import { unwrap, type CommandOutcome } from '../commands/outcome.ts';
import type { RegionRow } from '../store/region-row.ts';
import type { ApiDeps } from './orchestrator-deps.ts';

export interface AuditCaller {
  claims: Claims | null;
  requestId?: string | null;
  log: { error(obj: object, msg?: string): void };
}

export function auditedRegionCommand(
  deps: Pick<ApiDeps, 'sql'>,
  caller: AuditCaller,
  action: 'provisionRegion' | 'scaleRegion' | 'terminateRegion' | 'cancelTermination',
  regionRef: string,
  details: Record<string, unknown>,
  run: (audit: AuditInTransaction) => Promise<CommandOutcome>,
): Promise<RegionRow> {
  return audited(
    deps.sql,
    { actor: caller.claims, action: `orchestrator.${action}`, targetType: 'region', targetId: regionRef, regionId: regionRef, details, requestId: caller.requestId ?? null },
    async (auditOk) => unwrap(await run(auditOk)),
    (err) => caller.log.error({ err }, 'audit write failed'),
  );
}
