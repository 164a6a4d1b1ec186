/**
 * The region image build lock (region-image.ts): one builder at a time on a machine, and a lock left by a builder
 * that was killed (an orchestrator stopped while it built the image) must not block the next start for minutes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withFileLock } from './region-image.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sw-image-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A pid that is certainly dead: a child that already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('withFileLock', () => {
  it('takes over at once a lock whose owner died', async () => {
    const dir = path.join(tmp, 'dead.lock');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'owner'), String(await deadPid()));
    const t0 = Date.now();
    expect(await withFileLock(dir, () => Promise.resolve('built'))).toBe('built');
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(existsSync(dir)).toBe(false);
  });

  it('waits for a live owner, then runs', async () => {
    const dir = path.join(tmp, 'live.lock');
    const order: string[] = [];
    let release!: () => void;
    const first = withFileLock(dir, async () => {
      order.push('first');
      await new Promise<void>((r) => (release = r));
      order.push('first done');
    });
    while (!existsSync(path.join(dir, 'owner'))) await new Promise((r) => setTimeout(r, 10));
    const second = withFileLock(dir, () => {
      order.push('second');
      return Promise.resolve();
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(order).toEqual(['first']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'first done', 'second']);
  });
});
