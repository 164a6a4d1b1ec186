import { describe, expect, it } from 'vitest';
import { DomainError } from '@sw/domain';
import { unwrap, type CommandFailure } from './outcome.ts';
import { seedFromInput } from './provision-region.ts';

describe('unwrap', () => {
  it.each<[CommandFailure, string]>([
    [{ kind: 'unauthenticated' }, 'ERR_UNAUTHENTICATED'],
    [{ kind: 'admin_required' }, 'ERR_ADMIN_REQUIRED'],
    [{ kind: 'not_owner' }, 'ERR_NOT_REGION_OWNER'],
    [{ kind: 'not_found', region: 'x' }, 'ERR_REGION_NOT_FOUND'],
    [{ kind: 'invalid', code: 'ERR_SCALE_OUT_OF_RANGE', issues: [{ path: 'cpu', message: 'too big' }] }, 'ERR_SCALE_OUT_OF_RANGE'],
    [{ kind: 'name_taken', name: 'x' }, 'ERR_REGION_NAME_TAKEN'],
    [{ kind: 'limit_reached', owned: 5, limit: 5 }, 'ERR_REGION_LIMIT_REACHED'],
    [{ kind: 'termination_not_pending', state: 'ready' }, 'ERR_TERMINATION_NOT_PENDING'],
    [{ kind: 'region_suspended', status: 'suspended' }, 'ERR_REGION_SUSPENDED'],
    [{ kind: 'termination_not_owners', origin: 'billing' }, 'ERR_TERMINATION_NOT_OWNERS'],
  ])('%o throws %s', (failure, code) => {
    let thrown: unknown;
    try {
      unwrap(failure);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(code);
  });

  it('keeps every validation issue in details', () => {
    const issues = [{ path: 'cpu', message: 'a' }, { path: 'memoryGb', message: 'b' }];
    expect(() => unwrap({ kind: 'invalid', code: 'ERR_SCALE_OUT_OF_RANGE', issues })).toThrowError(expect.objectContaining({ details: { issues }, message: 'cpu: a; memoryGb: b' }));
  });
});

describe('seedFromInput', () => {
  it('uses digits as-is and hashes other text to a stable positive bigint', () => {
    expect(seedFromInput('42')).toBe(42n);
    expect(seedFromInput('alpha')).toBe(seedFromInput('alpha'));
    expect(seedFromInput('alpha')).not.toBe(seedFromInput('beta'));
    expect(seedFromInput('alpha') > 0n && seedFromInput('alpha') < 2n ** 63n).toBe(true);
  });
});
