import { describe, expect, it } from 'vitest';
import { isRegionServerAuthorized, regionMetricsToken, regionServerAuthHeaders, regionServerToken } from './region-server-token.ts';

const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';

describe('region-server tokens', () => {
  it('are stable per region and secret, and differ between regions and secrets', () => {
    expect(regionServerToken(A, 's1')).toBe(regionServerToken(A, 's1'));
    expect(regionServerToken(A, 's1')).not.toBe(regionServerToken(B, 's1'));
    expect(regionServerToken(A, 's1')).not.toBe(regionServerToken(A, 's2'));
    expect(regionServerToken(A, 's1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  it.each<[string, string | undefined, boolean]>([
    ['its own token', regionServerAuthHeaders(A, 's').authorization, true],
    ['no header', undefined, false],
    ['another region\'s token', regionServerAuthHeaders(B, 's').authorization, false],
    ['a token of another secret', regionServerAuthHeaders(A, 'x').authorization, false],
    ['the token without Bearer', regionServerToken(A, 's'), false],
    ['a prefix of the token', `Bearer ${regionServerToken(A, 's').slice(0, 10)}`, false],
  ])('%s -> %s', (_w, header, ok) => {
    expect(isRegionServerAuthorized(header, regionServerToken(A, 's'))).toBe(ok);
  });
  it('refuses everything when the server has no token', () => {
    expect(isRegionServerAuthorized('Bearer ', '')).toBe(false);
  });
});

describe('regionMetricsToken', () => {
  it('is one fleet-wide token, different from every region service token, and follows the secret', () => {
    const secret = 'x'.repeat(40);
    expect(regionMetricsToken(secret)).toBe(regionMetricsToken(secret));
    expect(regionMetricsToken(secret)).not.toBe(regionServerToken(A, secret));
    expect(regionMetricsToken(secret)).not.toBe(regionMetricsToken('y'.repeat(40)));
    expect(regionMetricsToken(secret)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
