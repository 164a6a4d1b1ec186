import argon2 from 'argon2';
import { readEnvInt } from '@sw/config';

/**
 * Password hashing with argon2id (the maintained `argon2` binding; prebuilt binaries for linux-x64 ship in the
 * package, otherwise it builds with the machine's C++ compiler). Defaults are OWASP's first recommended setting:
 * m = 19 MiB (19456 KiB), t = 2 iterations, p = 1 lane. The parameters are stored in each hash, so raising them
 * later re-hashes a password at its next successful sign-in (`needsRehash`).
 */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const OWASP_ARGON2ID: Readonly<Argon2Params> = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** AUTH_ARGON2_MEMORY_KIB / AUTH_ARGON2_TIME_COST / AUTH_ARGON2_PARALLELISM, defaulting to OWASP_ARGON2ID. */
export function argon2ParamsFromEnv(env: NodeJS.ProcessEnv = process.env): Argon2Params {
  return {
    memoryCost: readEnvInt('AUTH_ARGON2_MEMORY_KIB', OWASP_ARGON2ID.memoryCost, env),
    timeCost: readEnvInt('AUTH_ARGON2_TIME_COST', OWASP_ARGON2ID.timeCost, env),
    parallelism: readEnvInt('AUTH_ARGON2_PARALLELISM', OWASP_ARGON2ID.parallelism, env),
  };
}

export interface PasswordHasher {
  readonly params: Argon2Params;
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed hash (never throws for those). */
  verify(hash: string, password: string): Promise<boolean>;
  /** Runs one verification that always fails, so an unknown account costs as much time as a wrong password. */
  verifyDummy(password: string): Promise<false>;
  needsRehash(hash: string): boolean;
}

/** An argon2id hasher with `params`; the dummy hash for unknown accounts is made once, lazily. */
export function createPasswordHasher(params: Argon2Params = OWASP_ARGON2ID): PasswordHasher {
  const options = { type: argon2.argon2id, ...params } as const;
  let dummy: Promise<string> | undefined;
  const verify = async (hash: string, password: string) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  };
  return {
    params,
    hash: (password) => argon2.hash(password, options),
    verify,
    async verifyDummy(password) {
      dummy ??= argon2.hash('no account has this password', options);
      await verify(await dummy, password);
      return false;
    },
    needsRehash: (hash) => argon2.needsRehash(hash, params),
  };
}
