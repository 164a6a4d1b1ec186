/**
 * Outcomes of the invite commands (mint-invite.ts, revoke-invite.ts) and the ONE mapper from a failure to its
 * stable error code; resolvers only call `unwrapInvite`.
 */
import { DomainError, type ErrorCode, type ValidationIssue } from '@sw/domain';
import { hub } from '@sw/db';

export type InviteRow = typeof hub.regionInvites.$inferSelect;

export type InviteFailure =
  | { kind: 'unauthenticated' }
  | { kind: 'not_owner' }
  | { kind: 'invalid'; issues: ValidationIssue[] }
  | { kind: 'limit_reached'; active: number; limit: number }
  | { kind: 'not_found'; inviteId: string };

export type InviteOutcome = { kind: 'ok'; invite: InviteRow } | InviteFailure;

const CODES: Record<InviteFailure['kind'], ErrorCode> = {
  unauthenticated: 'ERR_UNAUTHENTICATED',
  not_owner: 'ERR_NOT_REGION_OWNER',
  invalid: 'ERR_VALIDATION',
  limit_reached: 'ERR_INVITE_LIMIT_REACHED',
  not_found: 'ERR_INVITE_NOT_FOUND',
};

export function inviteFailureCode(f: InviteFailure): ErrorCode {
  return CODES[f.kind];
}

function messageOf(f: InviteFailure): string {
  switch (f.kind) {
    case 'unauthenticated':
      return 'sign in first';
    case 'not_owner':
      return 'only the region owner may manage its invites';
    case 'invalid':
      return f.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    case 'limit_reached':
      return `an owner may hold at most ${f.limit} active invites per region (has ${f.active})`;
    case 'not_found':
      return `invite ${f.inviteId} not found`;
  }
}

/** The invite of an ok outcome, or the matching DomainError. */
export function unwrapInvite(o: InviteOutcome): InviteRow {
  if (o.kind === 'ok') return o.invite;
  throw new DomainError(CODES[o.kind], messageOf(o), o.kind === 'invalid' ? { issues: o.issues } : { ...o });
}
