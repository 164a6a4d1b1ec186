/**
 * W3C trace context across processes (docs/decisions/tracing.md): one gateway request (this process) and the Region
 * subgraph it calls (a child process, its own pino on stdout) log the same trace id, whether the client sent a
 * traceparent (continued) or not (started by the gateway and returned in the response's traceparent).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { request } from 'undici';
import { createTestDatabase, freePort, insertRegion, waitFor, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startGateway, type RunningGateway } from './server.ts';

const REPO_ROOT = path.join(import.meta.dirname, '..', '..');
type Line = { service?: string; msg?: string; traceId?: string; spanId?: string; path?: string; method?: string };

let t: TestDatabase<HubDb>;
let child: ChildProcess;
let gw: RunningGateway;
const gatewayLines: Line[] = [];
const regionLines: Line[] = [];

const parseInto = (into: Line[]) => (chunk: Buffer | string) => {
  for (const l of String(chunk).split('\n')) {
    if (!l.trim()) continue;
    try {
      into.push(JSON.parse(l) as Line);
    } catch {
      /* not a log line */
    }
  }
};

beforeAll(async () => {
  t = await createTestDatabase();
  await insertRegion(t.db, { name: 'traced-reach', displayName: 'Traced Reach' });
  const port = await freePort();
  child = spawn(process.execPath, ['subgraphs/region/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: t.url, REGION_PORT: String(port), LOG_LEVEL: 'debug', TRACING_EXPORTER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', parseInto(regionLines));
  child.stderr!.on('data', parseInto(regionLines));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('region subgraph', async () => (await fetch(`${url}/health`).catch(() => null))?.ok ?? false, 60_000);
  const sink = new Writable({ write(chunk: Buffer, _enc, cb) { parseInto(gatewayLines)(chunk); cb(); } });
  gw = await startGateway({ port: 0, host: '127.0.0.1', subgraphUrls: { region: url }, logger: pino({ level: 'debug', base: { service: 'gateway' } }, sink), databaseUrl: t.url, env: {} });
});

afterAll(async () => {
  await gw?.stop();
  child?.kill('SIGTERM');
  await t?.drop();
});

async function query(headers: Record<string, string> = {}) {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ regions(first: 5) { name } }' }),
  });
  const body = (await res.body.json()) as { data?: { regions: Array<{ name: string }> } };
  return { status: res.statusCode, traceparent: String(res.headers.traceparent ?? ''), body };
}

const served = (lines: Line[], traceId: string) => lines.filter((l) => l.msg === 'request served' && l.traceId === traceId);

describe('trace context from the gateway to a subgraph', () => {
  it('continues the caller traceparent: gateway and subgraph log the same trace id', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const r = await query({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(r.status).toBe(200);
    expect(r.body.data!.regions.map((x) => x.name)).toContain('traced-reach');
    expect(r.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    await waitFor('subgraph log line', async () => served(regionLines, traceId).length > 0, 10_000);
    const gwLine = served(gatewayLines, traceId);
    const rgLine = served(regionLines, traceId);
    expect(gwLine).toHaveLength(1);
    expect(gwLine[0]).toMatchObject({ service: 'gateway', method: 'POST', path: '/graphql' });
    expect(rgLine[0]).toMatchObject({ service: 'region', method: 'POST', path: '/graphql' });
    // Different spans of one trace.
    expect(rgLine[0]!.spanId).not.toBe(gwLine[0]!.spanId);
  });

  it('starts a trace when the caller sends none, returned in the response traceparent', async () => {
    const r = await query();
    const traceId = /^00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]$/.exec(r.traceparent)?.[1];
    expect(traceId).toBeDefined();
    await waitFor('subgraph log line', async () => served(regionLines, traceId!).length > 0, 10_000);
    expect(served(gatewayLines, traceId!)).toHaveLength(1);
    // Every other request had another trace: ids are not reused.
    expect(new Set(regionLines.filter((l) => l.msg === 'request served').map((l) => l.traceId)).size).toBeGreaterThanOrEqual(2);
  });
});
