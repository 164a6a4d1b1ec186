import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { DEV_DOCKER_ADMIN_SECRET, resolveDockerAdminSecret } from './admin-secret.ts';

const strong = '5c7e9a1b3d5f7a9c1e3b5d7f9a2c4e6b8d0f1a3c';

describe('resolveDockerAdminSecret', () => {
  it('outside production falls back to SW_DOCKER_ADMIN_SECRET, INTERNAL_CLAIMS_SECRET, then the dev constant', () => {
    expect(resolveDockerAdminSecret('explicit', {})).toBe('explicit');
    expect(resolveDockerAdminSecret(undefined, { SW_DOCKER_ADMIN_SECRET: 'a', INTERNAL_CLAIMS_SECRET: 'b' })).toBe('a');
    expect(resolveDockerAdminSecret(undefined, { INTERNAL_CLAIMS_SECRET: 'b' })).toBe('b');
    expect(resolveDockerAdminSecret(undefined, {})).toBe(DEV_DOCKER_ADMIN_SECRET);
  });

  it.each([
    ['unset (no fallback to INTERNAL_CLAIMS_SECRET)', { INTERNAL_CLAIMS_SECRET: strong }, /SW_DOCKER_ADMIN_SECRET is not set/],
    ['the former compose fallback', { SW_DOCKER_ADMIN_SECRET: 'change-me-region-db-admin-secret' }, /documented default/],
    ['the dev constant', { SW_DOCKER_ADMIN_SECRET: DEV_DOCKER_ADMIN_SECRET }, /documented default/],
    ['a short secret', { SW_DOCKER_ADMIN_SECRET: 'a1b2c3d4' }, /shorter than 32/],
  ])('production refuses %s', (_label, env, message) => {
    expect(() => resolveDockerAdminSecret(undefined, { NODE_ENV: 'production', ...env })).toThrow(ConfigError);
    expect(() => resolveDockerAdminSecret(undefined, { NODE_ENV: 'production', ...env })).toThrow(message);
  });

  it('production accepts a strong SW_DOCKER_ADMIN_SECRET', () => {
    expect(resolveDockerAdminSecret(undefined, { NODE_ENV: 'production', SW_DOCKER_ADMIN_SECRET: strong })).toBe(strong);
  });
});
