import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { toDbEnum, toGraphqlEnum } from './enum-spelling.ts';
import { POLICY_STATUSES } from './vocabulary.ts';

describe('toGraphqlEnum', () => {
  it('upper-cases database values', () => expect(toGraphqlEnum('player_owned')).toBe('PLAYER_OWNED'));
  it('keeps null', () => expect(toGraphqlEnum(null)).toBeNull());
});

describe('toDbEnum', () => {
  it('lower-cases a known value', () => expect(toDbEnum('VOTING', POLICY_STATUSES, 'status')).toBe('voting'));
  it('rejects an unknown value with ERR_VALIDATION', () => {
    expect(() => toDbEnum('BOGUS', POLICY_STATUSES, 'status')).toThrowError(DomainError);
    try {
      toDbEnum('BOGUS', POLICY_STATUSES, 'status');
    } catch (err) {
      expect((err as DomainError).code).toBe('ERR_VALIDATION');
    }
  });
});
