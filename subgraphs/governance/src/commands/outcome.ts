/**
 * Command outcomes of the Governance subgraph: every command returns `ok` with its value or `failed` with one stable
 * error code (packages/domain/src/error-codes/governance.ts); resolvers call `unwrap`, the one mapper to DomainError.
 */
import { DomainError, type ErrorCode, type ValidationIssue } from '@sw/domain';

export interface CommandFailure {
  kind: 'failed';
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
}

export type Outcome<T> = { kind: 'ok'; value: T } | CommandFailure;

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });

export function failed(code: ErrorCode, message: string, issues?: ValidationIssue[]): CommandFailure {
  return issues ? { kind: 'failed', code, message, issues } : { kind: 'failed', code, message };
}

/** The value of an ok outcome, or the failure thrown as a DomainError (validation issues go in `details.issues`). */
export function unwrap<T>(o: Outcome<T>): T {
  if (o.kind === 'ok') return o.value;
  throw new DomainError(o.code, o.message, o.issues ? { issues: o.issues } : undefined);
}
