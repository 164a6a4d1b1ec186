/**
 * The ONE outcome → error mapper of the Region subgraph's commands (resolvers only translate outcomes).
 * Every failure carries a stable code from the error table and, where useful, details the client can act on.
 */
import { DomainError, type ErrorCode, type ValidationIssue } from '@sw/domain';

export type CommandFailure =
  | { kind: 'unauthenticated' }
  | { kind: 'player_required' }
  | { kind: 'invalid'; code: 'ERR_CONFIG_INVALID' | 'ERR_VALIDATION'; issues: ValidationIssue[] }
  | { kind: 'region_not_found'; regionId: string }
  | { kind: 'version_conflict'; expected: number; actual: number }
  | { kind: 'no_change'; version: number }
  | { kind: 'policy_required'; group: string; decidedBy: string; reason: string }
  | { kind: 'denied'; code: ErrorCode; reason: string }
  | { kind: 'refused'; code: ErrorCode; reason: string; journeyId: string | null }
  | { kind: 'conflict'; code: ErrorCode; reason: string; journeyId?: string }
  | { kind: 'journey_not_found'; journeyId: string };

/** Throws the DomainError of a failure (never returns). */
export function failWith(f: CommandFailure): never {
  switch (f.kind) {
    case 'unauthenticated':
      throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
    case 'player_required':
      throw new DomainError('ERR_PLAYER_REQUIRED', 'this account has no player');
    case 'invalid':
      throw new DomainError(f.code, f.issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; '), { issues: f.issues });
    case 'region_not_found':
      throw new DomainError('ERR_REGION_NOT_FOUND', `region ${f.regionId} not found`);
    case 'version_conflict':
      throw new DomainError('ERR_VERSION_CONFLICT', `the configuration is at version ${f.actual}, not ${f.expected}: reload and retry`, {
        expectedVersion: f.expected,
        currentVersion: f.actual,
      });
    case 'no_change':
      throw new DomainError('ERR_CONFIG_NO_CHANGE', `nothing would change (version stays ${f.version})`, { currentVersion: f.version });
    case 'policy_required':
      throw new DomainError('ERR_POLICY_REQUIRED', f.reason, { group: f.group, decidedBy: f.decidedBy.toUpperCase() });
    case 'denied':
      throw new DomainError(f.code, f.reason);
    case 'refused':
      throw new DomainError(f.code, f.reason, f.journeyId ? { journeyId: f.journeyId } : undefined);
    case 'conflict':
      throw new DomainError(f.code, f.reason, f.journeyId ? { journeyId: f.journeyId } : undefined);
    case 'journey_not_found':
      throw new DomainError('ERR_JOURNEY_NOT_FOUND', `journey ${f.journeyId} not found`);
  }
}
