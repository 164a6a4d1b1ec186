import { describe, expect, it } from 'vitest';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET } from './services.ts';
import { MIN_SECRET_LENGTH, secretProblem, urlPasswordProblem } from './secret-strength.ts';

const strong = '3f9c1a7be04d2e6f8a5b7c9d1e3f5a7b';

describe('secretProblem', () => {
  it('accepts a random value of at least 32 characters', () => {
    expect(strong.length).toBe(MIN_SECRET_LENGTH);
    expect(secretProblem('JWT_SECRET', strong)).toBeNull();
  });

  it.each([
    ['unset', undefined, 'JWT_SECRET is not set'],
    ['empty', '', 'JWT_SECRET is not set'],
    ['the dev JWT secret', DEV_JWT_SECRET, 'JWT_SECRET is a documented default'],
    ['the dev claims secret', DEV_INTERNAL_SECRET, 'JWT_SECRET is a documented default'],
    ['the old compose fallback', 'change-me-jwt-secret-0123456789abcdef', 'JWT_SECRET is a documented default'],
    ['a long change-me value', 'change-me-please-0123456789abcdefghijklmnop', 'JWT_SECRET is a placeholder'],
    ['changeme', 'CHANGEME_0123456789abcdefghijklmnopqrstuv', 'JWT_SECRET is a placeholder'],
    ['replace-me', 'replace_me_with_a_real_secret_0123456789ab', 'JWT_SECRET is a placeholder'],
    ['an example value', 'example-secret-value-0123456789abcdefghij', 'JWT_SECRET is a placeholder'],
    ['angle brackets', '<generate with openssl rand -hex 32 here>', 'JWT_SECRET is a placeholder'],
    ['your-secret', 'your-secret-goes-here-0123456789abcdefghi', 'JWT_SECRET is a placeholder'],
    ['short', 'a1b2c3d4e5f6', 'JWT_SECRET is shorter than 32 characters'],
    ['low variety', 'abababababababababababababababababab', 'JWT_SECRET has too few distinct characters (use a random value: openssl rand -hex 32)'],
  ])('refuses %s', (_label, value, message) => {
    expect(secretProblem('JWT_SECRET', value)).toBe(message);
  });

  it("refuses a caller's own documented defaults", () => {
    expect(secretProblem('PAYPAL_CLIENT_SECRET', strong, { defaults: [strong] })).toBe('PAYPAL_CLIENT_SECRET is a documented default');
  });
});

describe('urlPasswordProblem', () => {
  it('checks the password of a connection URL, never printing it', () => {
    expect(urlPasswordProblem('REDIS_URL', `redis://:${strong}@redis:6379`, { required: true })).toBeNull();
    expect(urlPasswordProblem('REDIS_URL', 'redis://redis:6379', { required: true })).toBe('REDIS_URL has no password');
    expect(urlPasswordProblem('DATABASE_URL', 'postgres://sw_app@db:5432/sectorwars', { required: false })).toBeNull();
    expect(urlPasswordProblem('DATABASE_URL', 'postgres://sectorwars:sectorwars@db:5432/sectorwars', { required: false })).toBe(
      'DATABASE_URL password is a documented default',
    );
    expect(urlPasswordProblem('DATABASE_URL', 'postgres://u:short@db/x', { required: false })).toBe('DATABASE_URL password is shorter than 32 characters');
    expect(urlPasswordProblem('DATABASE_URL', 'not a url', { required: false })).toBe('DATABASE_URL is not a valid URL');
    expect(urlPasswordProblem('DATABASE_URL', undefined, { required: true })).toBeNull();
  });
});
