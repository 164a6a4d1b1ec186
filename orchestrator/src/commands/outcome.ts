/**
 * Command outcomes: every command returns a discriminated union; the edges (GraphQL,
 * REST, CLI via REST) call `unwrap` to turn a failure into a DomainError with its stable code.
 */
import type postgres from 'postgres';
import type { AuditInTransaction } from '@sw/audit';
import { DomainError, type ErrorCode, type ValidationIssue } from '@sw/domain';
import type { RegionRow } from '../store/region-row.ts';

export type CommandFailure =
  | { kind: 'unauthenticated' }
  | { kind: 'admin_required' }
  | { kind: 'not_owner' }
  | { kind: 'not_found'; region: string }
  | { kind: 'invalid'; code: 'ERR_VALIDATION' | 'ERR_SCALE_OUT_OF_RANGE' | 'ERR_REGION_NAME_INVALID'; issues: ValidationIssue[] }
  | { kind: 'name_taken'; name: string }
  | { kind: 'limit_reached'; owned: number; limit: number }
  | { kind: 'termination_not_pending'; state: string }
  | { kind: 'region_suspended'; status: string }
  | { kind: 'termination_not_owners'; origin: string | null };

export type CommandOutcome = { kind: 'ok'; region: RegionRow } | CommandFailure;

const CODES: Record<CommandFailure['kind'], ErrorCode> = {
  unauthenticated: 'ERR_UNAUTHENTICATED',
  admin_required: 'ERR_ADMIN_REQUIRED',
  not_owner: 'ERR_NOT_REGION_OWNER',
  not_found: 'ERR_REGION_NOT_FOUND',
  invalid: 'ERR_VALIDATION',
  name_taken: 'ERR_REGION_NAME_TAKEN',
  limit_reached: 'ERR_REGION_LIMIT_REACHED',
  termination_not_pending: 'ERR_TERMINATION_NOT_PENDING',
  region_suspended: 'ERR_REGION_SUSPENDED',
  termination_not_owners: 'ERR_TERMINATION_NOT_OWNERS',
};

function messageOf(f: CommandFailure): string {
  switch (f.kind) {
    case 'unauthenticated':
      return 'sign in first';
    case 'admin_required':
      return 'admin role required';
    case 'not_owner':
      return 'only the region owner or an admin may do this';
    case 'not_found':
      return `region ${f.region} not found`;
    case 'invalid':
      return f.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    case 'name_taken':
      return `region name ${f.name} is taken`;
    case 'limit_reached':
      return `an owner may hold at most ${f.limit} regions (has ${f.owned})`;
    case 'termination_not_pending':
      return `no termination to cancel (state ${f.state})`;
    case 'region_suspended':
      return `the region is ${f.status}: its owner cannot change it until billing restores it (an admin can)`;
    case 'termination_not_owners':
      return `this termination was started by ${f.origin ?? 'the platform'}; only an admin can withdraw it`;
  }
}

/** Returns the region of an ok outcome or throws the matching DomainError. */
export function unwrap(o: CommandOutcome): RegionRow {
  if (o.kind === 'ok') return o.region;
  const code = o.kind === 'invalid' ? o.code : CODES[o.kind];
  throw new DomainError(code, messageOf(o), o.kind === 'invalid' ? { issues: o.issues } : { ...o });
}

/**
 * The in-transaction step of a region command's audit (@sw/audit `audited`): the ok row, naming the region by its id
 * (the caller may have named it by its slug). Undefined when the caller audits nothing.
 */
export function auditIn(audit: AuditInTransaction | undefined, regionId: string): ((tx: postgres.TransactionSql) => Promise<void>) | undefined {
  return audit ? (tx) => audit(tx, { targetId: regionId, regionId }) : undefined;
}
