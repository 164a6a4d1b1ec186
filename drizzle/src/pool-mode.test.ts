import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { poolModeFromEnv } from './client.ts';

describe('poolModeFromEnv', () => {
  it('is session unless DATABASE_POOL_MODE says transaction; anything else is a startup error', () => {
    expect(poolModeFromEnv({})).toBe('session');
    expect(poolModeFromEnv({ DATABASE_POOL_MODE: 'transaction' })).toBe('transaction');
    expect(poolModeFromEnv({ DATABASE_POOL_MODE: 'session' })).toBe('session');
    expect(() => poolModeFromEnv({ DATABASE_POOL_MODE: 'statement' })).toThrow(ConfigError);
  });
});
