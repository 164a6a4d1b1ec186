import { describe, expect, it } from 'vitest';
import { APP_ROLE_SERVICES, appRoleUrl } from './app-role.ts';

describe('appRoleUrl', () => {
  it('swaps the user (and password) of the hub URL, keeping host, port and database', () => {
    expect(appRoleUrl('postgres://postgres@127.0.0.1:5432/sectorwars', 'sw_app')).toBe('postgres://sw_app@127.0.0.1:5432/sectorwars');
    expect(appRoleUrl('postgres://owner:pw@db:5433/sw_run_1', 'sw_app', 'p@ss/word')).toBe('postgres://sw_app:p%40ss%2Fword@db:5433/sw_run_1');
  });

  it('keeps the orchestrator on the owner URL (it creates region databases)', () => {
    expect(APP_ROLE_SERVICES.has('orchestrator')).toBe(false);
    expect([...APP_ROLE_SERVICES].sort()).toEqual(['gateway', 'governance', 'nexus', 'region']);
  });
});
