import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import { createJobRunner, type JobRunner } from './job-runner.ts';

/** Two replicas of a service share one queue: a job runs on one of them at a time, and a failure is retried. */
let t: TestDatabase<unknown>;
const runners: JobRunner[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ kind: 'empty' });
});
afterAll(async () => {
  for (const r of runners) await r.stop();
  await t?.drop();
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('createJobRunner', () => {
  it('runs each enqueued job once across two runners, never two at a time, and retries a failure', async () => {
    let active = 0;
    let maxActive = 0;
    const ran: string[] = [];
    let attemptsOfTwo = 0;
    const make = (replica: string) =>
      createJobRunner({
        databaseUrl: t.url,
        pollingIntervalSeconds: 0.5,
        schedule: false,
        jobs: [
          {
            name: 'test-sweep',
            retryLimit: 2,
            retryDelaySeconds: 1,
            handler: async (data: { n?: number }) => {
              active++;
              maxActive = Math.max(maxActive, active);
              try {
                await new Promise((r) => setTimeout(r, 100));
                if (data.n === 2 && attemptsOfTwo++ === 0) throw new Error('transient');
                ran.push(`${replica}:${data.n}`);
              } finally {
                active--;
              }
            },
          },
        ],
      });
    const a = make('a');
    const b = make('b');
    runners.push(a, b);
    await a.start();
    await b.start();
    for (const n of [1, 2, 3]) await a.runNow('test-sweep', { n });
    await until(() => ran.length === 3);
    expect(ran.map((r) => r.split(':')[1]).sort()).toEqual(['1', '2', '3']);
    expect(maxActive).toBe(1); // singleton queue: one runner at a time
    expect(attemptsOfTwo).toBe(2); // failed once, retried once
  });
});
