import { describe, expect, it } from 'vitest';
import { SessionRevocations } from './session-revocations.ts';

describe('SessionRevocations', () => {
  it('remembers revoked sessions for the retention time and tells listeners about new ones only', () => {
    const r = new SessionRevocations(1000);
    const heard: string[][] = [];
    const stop = r.onRevoked((ids) => heard.push([...ids]));
    r.revoke(['a', 'b'], 0);
    r.revoke(['b', 'c'], 10);
    expect(heard).toEqual([['a', 'b'], ['c']]);
    expect(r.isRevoked('a')).toBe(true);
    expect(r.isRevoked('zzz')).toBe(false);
    expect(r.isRevoked(undefined)).toBe(false);
    r.revoke(['d'], 1005); // prunes a (until 1000); b and c were refreshed at 10 → until 1010
    expect(r.isRevoked('a')).toBe(false);
    expect(r.isRevoked('c')).toBe(true);
    stop();
    r.revoke(['e'], 1006);
    expect(heard).toHaveLength(3);
  });
});
