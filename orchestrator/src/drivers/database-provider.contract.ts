/**
 * Contract suite of a RegionDatabaseProvider (where region databases live): every provider runs these tests via
 * `runDatabaseProviderContract(name, factory)` — the server provider of the process driver in
 * process-driver.int.test.ts, the docker driver's Postgres containers in docker-driver.int.test.ts. The factory returns
 * a provider whose ownership label is unique to the run, plus a cleanup that removes everything carrying it.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionDbName, type DatabaseRef, type RegionDatabaseProvider } from './driver.ts';

export interface DatabaseProviderHarness {
  provider: RegionDatabaseProvider;
  cleanup(): Promise<void>;
}

function refFor(regionId: string): DatabaseRef {
  const dbName = regionDbName(regionId);
  return { regionId, dbName, roleName: dbName, password: `pw-${randomUUID()}` };
}

async function whoAmI(url: string): Promise<{ u: string; db: string; owner: string }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql<{ u: string; db: string; owner: string }[]>`
      SELECT current_user AS u, current_database() AS db, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()`;
    return r!;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function runDatabaseProviderContract(name: string, factory: () => Promise<DatabaseProviderHarness>): void {
  describe(`RegionDatabaseProvider contract: ${name}`, () => {
    let h: DatabaseProviderHarness;
    const kept = refFor(randomUUID());
    const orphan = refFor(randomUUID());

    beforeAll(async () => {
      h = await factory();
    });
    afterAll(async () => {
      await h?.cleanup();
      await h?.provider.close();
    });

    it('creates a database owned by its own role once, and adopts it on the next call', async () => {
      const first = await h.provider.ensureDatabase(kept);
      const second = await h.provider.ensureDatabase(kept);
      expect(first.created).toBe(true);
      expect(second).toEqual({ url: first.url, created: false });
      expect(await h.provider.databaseExists(kept.dbName)).toBe(true);
      expect(await whoAmI(first.url)).toEqual({ u: kept.dbName, db: kept.dbName, owner: kept.dbName });
    });

    it('suspendDatabase stops only what is the region\'s own, keeps the data; ensureDatabase serves it again', async () => {
      const { url } = await h.provider.ensureDatabase(kept);
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql`CREATE TABLE suspend_probe (v text NOT NULL)`;
        await sql`INSERT INTO suspend_probe (v) VALUES (${kept.regionId})`;
      } finally {
        await sql.end({ timeout: 5 });
      }
      const res = await h.provider.suspendDatabase(kept.regionId);
      expect(typeof res.stopped).toBe('boolean'); // true where the region has a database server of its own (docker)
      expect(await h.provider.suspendDatabase(randomUUID())).toEqual({ stopped: false });
      const again = await h.provider.ensureDatabase(kept);
      expect(again.created).toBe(false);
      const back = postgres(again.url, { max: 1, onnotice: () => {} });
      try {
        expect((await back<{ v: string }[]>`SELECT v FROM suspend_probe`).map((r) => r.v)).toEqual([kept.regionId]);
      } finally {
        await back.end({ timeout: 5 });
      }
    });

    it('lists the databases it owns with their region, and removes orphans only', async () => {
      await h.provider.ensureDatabase(orphan);
      const owned = await h.provider.listOwnedDatabases();
      expect(owned).toEqual(expect.arrayContaining([
        { regionId: kept.regionId, dbName: kept.dbName },
        { regionId: orphan.regionId, dbName: orphan.dbName },
      ]));
      expect(await h.provider.removeOrphanDatabases(new Set([kept.regionId, orphan.regionId]))).toEqual([]);
      expect(await h.provider.removeOrphanDatabases(new Set([kept.regionId]))).toEqual([orphan.dbName]);
      expect(await h.provider.databaseExists(orphan.dbName)).toBe(false);
      expect(await h.provider.databaseExists(kept.dbName)).toBe(true);
    });

    it('drops a database and its role; dropping what is not there is a no-op', async () => {
      expect(await h.provider.dropDatabase(kept)).toEqual({ dropped: true });
      expect(await h.provider.databaseExists(kept.dbName)).toBe(false);
      expect((await h.provider.listOwnedDatabases()).filter((d) => d.regionId === kept.regionId)).toEqual([]);
      expect(await h.provider.dropDatabase(kept)).toEqual({ dropped: false });
      expect(await h.provider.databaseExists(regionDbName(randomUUID()))).toBe(false);
    });
  });
}
