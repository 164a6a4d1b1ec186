import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are 256 random bits (base64url, 43 characters). Only their SHA-256 is stored: a stolen database
 * dump cannot be replayed, and a fast hash is enough because the token has full entropy (unlike a password).
 */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a refresh token: the lookup key in auth_refresh_tokens. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True for a string that can be a refresh token (cheap shape check before any database work). */
export function looksLikeRefreshToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
