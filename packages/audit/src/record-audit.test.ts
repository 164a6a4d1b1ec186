import { describe, expect, it } from 'vitest';
import { auditResultOf, auditRow } from './record-audit.ts';

describe('auditResultOf', () => {
  it.each([
    [null, 'ok'],
    ['ERR_UNAUTHENTICATED', 'denied'],
    ['ERR_NOT_REGION_OWNER', 'denied'],
    ['ERR_SCOPE_REQUIRED', 'denied'],
    ['ERR_VALIDATION', 'failed'],
    ['ERR_NEXUS_EXISTS', 'failed'],
    ['SOMETHING_UNKNOWN', 'failed'],
  ])('%s -> %s', (code, result) => expect(auditResultOf(code)).toBe(result));
});

describe('auditRow', () => {
  it('snapshots the actor and keeps ids that are not uuids in details instead of failing the insert', () => {
    const row = auditRow({
      actor: { sub: 'u-dev', username: 'admin', playerId: null, roles: ['player', 'admin'], scopes: [], exp: 1 },
      action: 'orchestrator.provisionRegion',
      regionId: 'my-new-region',
      result: 'failed',
      errorCode: 'ERR_REGION_NAME_INVALID',
    });
    expect(row).toMatchObject({ actorUserId: null, actorUsername: 'admin', actorRoles: ['player', 'admin'], regionId: null, details: { actorSub: 'u-dev', regionRef: 'my-new-region' } });
  });
});
