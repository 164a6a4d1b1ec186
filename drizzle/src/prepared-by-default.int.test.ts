import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import { createDb, hub, type HubDb } from './index.ts';

// Which statements the server holds prepared for the connection running this query (pg_prepared_statements is per session).
const PREPARED = sql`SELECT statement FROM pg_prepared_statements`;

let t: TestDatabase<HubDb>;
beforeAll(async () => {
  t = await createTestDatabase({ kind: 'hub' });
});
afterAll(async () => {
  await t?.drop();
});

describe('createDb prepares drizzle queries (docs/decisions/prepared-statements.md)', () => {
  it('db.execute, the query builder and queries inside transactions and savepoints become named prepared statements', async () => {
    const handle = createDb(t.url, { max: 1, poolMode: 'session' });
    try {
      await handle.db.execute(sql`SELECT ${1}::int + 1 AS two`);
      await handle.db.select({ id: hub.regions.id }).from(hub.regions).where(eq(hub.regions.name, 'nowhere'));
      const inTx = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT ${2}::int + 2 AS four`);
        await tx.transaction(async (sp) => {
          await sp.execute(sql`SELECT ${3}::int + 3 AS six`);
        });
        return tx.execute<{ statement: string }>(PREPARED);
      });
      const texts = inTx.map((r) => r.statement).join('\n');
      expect(texts).toContain('SELECT $1::int + 1 AS two');
      expect(texts).toMatch(/select "id" from "regions" where "regions"."name" = \$1/);
      expect(texts).toContain('SELECT $1::int + 2 AS four');
      expect(texts).toContain('SELECT $1::int + 3 AS six');
      // Results and parameters are unchanged by preparing.
      const [row] = await handle.db.execute<{ two: number }>(sql`SELECT ${1}::int + 1 AS two`);
      expect(row!.two).toBe(2);
    } finally {
      await handle.close();
    }
  });

  it('a prepared statement survives a schema change (postgres.js re-prepares on "cached plan must not change result type")', async () => {
    const handle = createDb(t.url, { max: 1, poolMode: 'session' });
    try {
      await handle.db.execute(sql`CREATE TABLE prep_probe (a int)`);
      await handle.db.execute(sql`INSERT INTO prep_probe VALUES (${1})`);
      const query = () => handle.db.execute<Record<string, unknown>>(sql`SELECT * FROM prep_probe WHERE a = ${1}`);
      expect(await query()).toEqual([{ a: 1 }]);
      await handle.db.execute(sql`ALTER TABLE prep_probe ADD COLUMN b int DEFAULT 7`);
      expect(await query()).toEqual([{ a: 1, b: 7 }]);
    } finally {
      await handle.close();
    }
  });

  it('behind a transaction pooler nothing is prepared', async () => {
    const handle = createDb(t.url, { max: 1, poolMode: 'transaction' });
    try {
      await handle.db.execute(sql`SELECT ${5}::int + 5 AS ten`);
      const rows = await handle.db.execute<{ statement: string }>(PREPARED);
      expect(rows.map((r) => r.statement).join('\n')).not.toContain('AS ten');
    } finally {
      await handle.close();
    }
  });
});
