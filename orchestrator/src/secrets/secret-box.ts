/**
 * Encryption at rest of the secrets the hub must keep (region database passwords): AES-256-GCM with a
 * 32-byte key from REGION_SECRETS_KEY, a fresh 96-bit IV per value, and the key's id and the envelope
 * version in the stored text: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). Opening checks the
 * tag, so a modified value or a value sealed under another key is refused, never decrypted to garbage.
 * Key handling (source, dev default, rotation): docs/decisions/region-server-secrets.md.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConfigError, isProduction, secretProblem } from '@sw/config';

export interface SecretBox {
  /** First 8 hex chars of sha256(key): names the key a value was sealed with (rotation). */
  readonly keyId: string;
  seal(plain: string): string;
  /** Throws when the value is not a v1 envelope of this key or was modified. */
  open(sealed: string): string;
}

export const REGION_SECRETS_KEY_ENV = 'REGION_SECRETS_KEY';
/**
 * Development-only key (base64 of 32 bytes), used when REGION_SECRETS_KEY is unset outside production so
 * the embedded default works out of the box. Production refuses it.
 */
export const DEV_REGION_SECRETS_KEY = 'c3ctZGV2LXJlZ2lvbi1zZWNyZXRzLWtleS0wMDAwMDA=';

const b64 = (b: Buffer) => b.toString('base64url');

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new ConfigError(`${REGION_SECRETS_KEY_ENV} must be 32 bytes (got ${key.length})`);
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The key id is authenticated too: a value cannot be relabelled as sealed by another key.
      cipher.setAAD(Buffer.from(`v1.${keyId}`));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${keyId}.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ct)}`;
    },
    open(sealed) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== 'v1') throw new Error('not a sealed secret (v1 envelope expected)');
      const [, id, iv, tag, ct] = parts as [string, string, string, string, string];
      if (id !== keyId) throw new Error(`secret sealed with key ${id}, but ${REGION_SECRETS_KEY_ENV} is key ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`v1.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * A key whose 32 bytes are all printable ASCII was typed by a person ("change-me-…", a password), not drawn
 * at random (random bytes are all printable with probability ≈ 1e-14); fewer than 8 distinct byte values is
 * a filler such as all zeros. Both are placeholders.
 */
function looksLikePlaceholder(key: Buffer): boolean {
  return key.every((b) => b >= 0x20 && b < 0x7f) || new Set(key).size < 8;
}

/** Decodes a key given as 64 hex chars or base64 / base64url of 32 bytes; null when it is neither. */
function decodeKey(raw: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(raw)) {
    const b = Buffer.from(raw.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

/**
 * Reads REGION_SECRETS_KEY. Outside production an unset key means the development key (`usingDevKey`).
 * In production it must be set, decode to 32 bytes and be neither the development key nor a placeholder
 * (typed text such as "change-me…", or filler bytes): otherwise ConfigError at startup.
 */
export function readRegionSecretsKey(env: NodeJS.ProcessEnv = process.env): { key: Buffer; usingDevKey: boolean } {
  const raw = (env[REGION_SECRETS_KEY_ENV] ?? '').trim();
  const prod = isProduction(env);
  if (!raw) {
    if (prod) throw new ConfigError(`${REGION_SECRETS_KEY_ENV} must be set in production (32 random bytes, base64 or hex)`);
    return { key: decodeKey(DEV_REGION_SECRETS_KEY)!, usingDevKey: true };
  }
  // The platform's one production-secret rule first (documented defaults, placeholder shapes, length).
  const problem = prod ? secretProblem(REGION_SECRETS_KEY_ENV, raw, { defaults: [DEV_REGION_SECRETS_KEY] }) : null;
  if (problem) throw new ConfigError(`refusing to start with NODE_ENV=production: ${problem}`);
  const key = decodeKey(raw);
  if (!key) throw new ConfigError(`${REGION_SECRETS_KEY_ENV} must be 32 bytes given as 64 hex characters or base64`);
  if (prod) {
    if (raw === DEV_REGION_SECRETS_KEY || key.equals(decodeKey(DEV_REGION_SECRETS_KEY)!)) throw new ConfigError(`${REGION_SECRETS_KEY_ENV} is the development key; refusing to start in production`);
    if (looksLikePlaceholder(key)) throw new ConfigError(`${REGION_SECRETS_KEY_ENV} looks like a placeholder; use 32 random bytes (e.g. openssl rand -base64 32)`);
  }
  return { key, usingDevKey: raw === DEV_REGION_SECRETS_KEY };
}
