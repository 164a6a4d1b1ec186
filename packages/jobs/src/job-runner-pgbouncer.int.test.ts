/**
 * The governance subgraph's pg-boss jobs run over the same hub URL as the subgraph, which in the compose topology is a
 * transaction-pooling pgbouncer (docs/decisions/hub-connection-pooling.md). pg-boss polls (LISTEN/NOTIFY is off unless
 * a queue opts in) and takes only transaction-scoped advisory locks, so it works there: two runners through a real
 * pgbouncer 1.18 with two server connections share one singleton queue, each job runs once, never two at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startPgbouncer, type TestDatabase, type TestPgbouncer } from '@sw/testing';
import { createJobRunner, type JobRunner } from './job-runner.ts';
import { installJobSchema } from './job-schema.ts';

let t: TestDatabase<unknown>;
let bouncer: TestPgbouncer;
const runners: JobRunner[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ kind: 'empty' });
  // The migration job installs the schema over a direct connection; the services only use it.
  await installJobSchema(t.url);
  bouncer = await startPgbouncer({ poolMode: 'transaction', defaultPoolSize: 2 });
}, 60_000);

afterAll(async () => {
  for (const r of runners) await r.stop();
  await bouncer?.stop();
  await t?.drop();
});

describe('pg-boss jobs through pgbouncer (transaction pooling)', () => {
  it('runs each job once across two runners, one at a time', async () => {
    let active = 0;
    let maxActive = 0;
    const ran: number[] = [];
    const make = () =>
      createJobRunner({
        databaseUrl: bouncer.urlFor(t.url),
        migrate: false,
        pollingIntervalSeconds: 0.5,
        schedule: false,
        jobs: [
          {
            name: 'pooled-sweep',
            handler: async (data: { n?: number }) => {
              active++;
              maxActive = Math.max(maxActive, active);
              try {
                await new Promise((r) => setTimeout(r, 100));
                ran.push(data.n ?? 0);
              } finally {
                active--;
              }
            },
          },
        ],
      });
    const a = make();
    const b = make();
    runners.push(a, b);
    await a.start();
    await b.start();
    for (const n of [1, 2, 3, 4]) await b.runNow('pooled-sweep', { n });
    const deadline = Date.now() + 60_000;
    while (ran.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(ran.sort()).toEqual([1, 2, 3, 4]);
    expect(maxActive).toBe(1);
    const pool = (await bouncer.show('SHOW POOLS')).find((p) => p.database === t.name);
    expect(pool?.pool_mode).toBe('transaction');
    const servers = ['sv_active', 'sv_idle', 'sv_used', 'sv_tested', 'sv_login'].reduce((s, k) => s + Number(pool?.[k] ?? 0), 0);
    expect(servers).toBeLessThanOrEqual(2);
  });
});
