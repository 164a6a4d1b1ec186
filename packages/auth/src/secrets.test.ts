import { describe, expect, it } from 'vitest';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET } from '@sw/config';
import { assertProductionSecrets, productionSecretProblems } from './secrets.ts';

const strong1 = '9d2f4b6a8c0e1f3a5b7d9e1c3a5f7b9d2e4c6a8b';
const strong2 = '1a3c5e7f9b2d4f6a8c0e2b4d6f8a1c3e5b7d9f0a';
const prod = { NODE_ENV: 'production', JWT_SECRET: strong1, INTERNAL_CLAIMS_SECRET: strong2 };

describe('assertProductionSecrets', () => {
  it('does nothing outside production, even with dev secrets', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertProductionSecrets({})).not.toThrow();
  });

  it('refuses production with unset or development secrets', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is not set/);
    expect(() => assertProductionSecrets({ ...prod, INTERNAL_CLAIMS_SECRET: DEV_INTERNAL_SECRET })).toThrow(/INTERNAL_CLAIMS_SECRET is a documented default/);
    expect(() => assertProductionSecrets({ ...prod, JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET is a documented default/);
  });

  // The multi-regional compose file used to fall back to these; they passed the old length check (anyone could mint an admin token).
  it('refuses the former compose fallbacks and any other change-me placeholder, whatever their length', () => {
    const problems = productionSecretProblems({
      NODE_ENV: 'production',
      JWT_SECRET: 'change-me-jwt-secret-0123456789abcdef',
      INTERNAL_CLAIMS_SECRET: 'change-me-internal-secret-0123456789-but-longer',
    });
    expect(problems).toEqual(['JWT_SECRET is a documented default', 'INTERNAL_CLAIMS_SECRET is a placeholder']);
  });

  it('refuses short, low-variety or identical secrets in production and accepts strong distinct ones', () => {
    expect(() => assertProductionSecrets({ ...prod, JWT_SECRET: 'short' })).toThrow(/shorter/);
    expect(() => assertProductionSecrets({ ...prod, JWT_SECRET: 'a'.repeat(40) })).toThrow(/distinct characters/);
    expect(() => assertProductionSecrets({ ...prod, INTERNAL_CLAIMS_SECRET: strong1 })).toThrow(/differ/);
    expect(() => assertProductionSecrets(prod)).not.toThrow();
  });

  it('checks the passwords of DATABASE_URL (when it has one) and REDIS_URL (required)', () => {
    expect(productionSecretProblems({ ...prod, DATABASE_URL: 'postgres://sectorwars:sectorwars@central-nexus-db:5432/sectorwars' })).toEqual([
      'DATABASE_URL password is a documented default',
    ]);
    expect(productionSecretProblems({ ...prod, DATABASE_URL: `postgres://sw_app:${strong1}@db:5432/sectorwars` })).toEqual([]);
    expect(productionSecretProblems({ ...prod, REDIS_URL: 'redis://redis-nexus:6379' })).toEqual(['REDIS_URL has no password']);
    expect(productionSecretProblems({ ...prod, REDIS_URL: `redis://:${strong2}@redis-nexus:6379` })).toEqual([]);
  });

  it('requires the Redis Cluster password in REDIS_CLUSTER_NODES when the bus runs on a cluster', () => {
    expect(productionSecretProblems({ ...prod, REDIS_CLUSTER_NODES: 'redis-1:6379,redis-2:6379' })).toEqual(['REDIS_CLUSTER_NODES has no password']);
    expect(productionSecretProblems({ ...prod, REDIS_CLUSTER_NODES: 'redis://:short@redis-1:6379,redis-2:6379' })).toHaveLength(1);
    expect(productionSecretProblems({ ...prod, REDIS_CLUSTER_NODES: `redis://:${strong2}@redis-1:6379,redis-2:6379` })).toEqual([]);
  });

  it('throws a ConfigError with code ERR_CONFIG that never contains a secret value', () => {
    try {
      assertProductionSecrets({ ...prod, JWT_SECRET: 'change-me-0123456789abcdefghijklmnopqrstuvwxyz' });
    } catch (e) {
      expect((e as { code: string }).code).toBe('ERR_CONFIG');
      expect((e as Error).message).not.toContain('0123456789abcdefghijklmnopqrstuvwxyz');
      return;
    }
    throw new Error('expected a throw');
  });
});
