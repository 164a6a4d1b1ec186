import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sw/config';
import { createSecretBox, DEV_REGION_SECRETS_KEY, readRegionSecretsKey } from './secret-box.ts';

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));
  it('round-trips, with a fresh IV per value and no plain text in the envelope', () => {
    const a = box.seal('pw-123');
    const b = box.seal('pw-123');
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^v1\\.${box.keyId}\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(a).not.toContain('pw-123');
    expect(box.open(a)).toBe('pw-123');
  });
  it('refuses a modified value, another key\'s value and plain text', () => {
    const sealed = box.seal('pw-123');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 4), flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/sealed with key/);
    expect(() => box.open('pw-123')).toThrow(/v1 envelope/);
  });
});

describe('readRegionSecretsKey', () => {
  const good = randomBytes(32);
  it.each<[string, NodeJS.ProcessEnv, 'dev' | 'key' | RegExp]>([
    ['unset outside production: the development key', {}, 'dev'],
    ['base64 key', { REGION_SECRETS_KEY: good.toString('base64') }, 'key'],
    ['hex key in production', { NODE_ENV: 'production', REGION_SECRETS_KEY: good.toString('hex') }, 'key'],
    ['unset in production', { NODE_ENV: 'production' }, /must be set in production/],
    ['the development key in production', { NODE_ENV: 'production', REGION_SECRETS_KEY: DEV_REGION_SECRETS_KEY }, /documented default/],
    ['a typed placeholder in production', { NODE_ENV: 'production', REGION_SECRETS_KEY: Buffer.from('change-me-change-me-change-me-00').toString('base64') }, /placeholder/],
    ['zeros in production', { NODE_ENV: 'production', REGION_SECRETS_KEY: '0'.repeat(64) }, /placeholder/],
    ['filler bytes in production', { NODE_ENV: 'production', REGION_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') }, /placeholder|distinct/],
    ['too short', { REGION_SECRETS_KEY: 'c2hvcnQ=' }, /32 bytes/],
  ])('%s', (_w, env, expected) => {
    if (expected instanceof RegExp) {
      expect(() => readRegionSecretsKey(env)).toThrow(ConfigError);
      expect(() => readRegionSecretsKey(env)).toThrow(expected);
      return;
    }
    const r = readRegionSecretsKey(env);
    expect(r.key).toHaveLength(32);
    expect(r.usingDevKey).toBe(expected === 'dev');
    if (expected === 'key') expect(r.key.equals(good)).toBe(true);
  });
});
