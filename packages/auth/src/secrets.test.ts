import { describe, expect, it } from 'vitest';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET } from '@sw/config';
import { assertProductionSecrets } from './secrets.ts';

const strong1 = 'a'.repeat(40);
const strong2 = 'b'.repeat(40);

describe('assertProductionSecrets', () => {
  it('does nothing outside production, even with dev secrets', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertProductionSecrets({})).not.toThrow();
  });

  it('refuses production with unset or development secrets', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is a development default/);
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: strong1, INTERNAL_CLAIMS_SECRET: DEV_INTERNAL_SECRET }))
      .toThrow(/INTERNAL_CLAIMS_SECRET is a development default/);
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, INTERNAL_CLAIMS_SECRET: strong2 }))
      .toThrow(/ERR_CONFIG|development default/);
  });

  it('refuses short or identical secrets in production and accepts strong distinct ones', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: 'short', INTERNAL_CLAIMS_SECRET: strong2 })).toThrow(/shorter/);
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: strong1, INTERNAL_CLAIMS_SECRET: strong1 })).toThrow(/differ/);
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: strong1, INTERNAL_CLAIMS_SECRET: strong2 })).not.toThrow();
  });

  it('throws a ConfigError with code ERR_CONFIG', () => {
    try { assertProductionSecrets({ NODE_ENV: 'production' }); } catch (e) { expect((e as { code: string }).code).toBe('ERR_CONFIG'); return; }
    throw new Error('expected a throw');
  });
});
