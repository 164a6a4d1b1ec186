/**
 * The embedded default's gateway must not hand out dev-login tokens to other hosts: it binds loopback unless told
 * otherwise, and when it does listen on every interface the dev login still answers loopback callers only (the
 * socket's peer address decides; X-Forwarded-For cannot fake it).
 */
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import type { DevLoginLookup } from './dev-login.ts';
import { echoSupergraph, startEchoSubgraph } from './__fixtures__/echo-subgraph.ts';

const JWT_SECRET = 'gateway-exposure-test-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'gateway-exposure-test-internal-secret-0123456789';
const silent = pino({ level: 'silent' });
const lookup: DevLoginLookup = async (username) =>
  username === 'admin' ? { id: '11111111-1111-4111-8111-111111111111', username: 'admin', roles: ['player', 'admin'], playerId: null } : null;

/** A non-loopback IPv4 address of this machine: a connection to it has that address as its peer, not 127.0.0.1. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
if (!externalAddress) console.warn('[dev-login-exposure.int.test] no non-loopback IPv4 interface: the remote-caller case is skipped');

let echo: Awaited<ReturnType<typeof startEchoSubgraph>>;
let byDefault: RunningGateway;
let everywhere: RunningGateway;

beforeAll(async () => {
  echo = await startEchoSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  const common = { port: 0, supergraphSdl: echoSupergraph(echo.url), jwtSecret: JWT_SECRET, internalSecret: INTERNAL_SECRET, logger: silent, devLoginLookup: lookup };
  byDefault = await startGateway({ ...common, env: {} });
  everywhere = await startGateway({ ...common, env: { GATEWAY_HOST: '0.0.0.0' } });
});

afterAll(async () => {
  await byDefault?.stop();
  await everywhere?.stop();
  await echo?.stop();
});

async function devLogin(base: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'admin' }),
  });
  return { status: res.status, body: (await res.json()) as { token?: string; error?: { code: string } } };
}

describe('gateway exposure of the dev login', () => {
  it('binds 127.0.0.1 when GATEWAY_HOST is not set', () => {
    expect((byDefault.httpServer.address() as AddressInfo).address).toBe('127.0.0.1');
    expect((everywhere.httpServer.address() as AddressInfo).address).toBe('0.0.0.0');
  });

  it('issues dev-login tokens to loopback callers', async () => {
    const r = await devLogin(byDefault.url);
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^ey/);
  });

  it.skipIf(!externalAddress)('refuses a caller from another address with 403 ERR_DEV_LOGIN_LOOPBACK_ONLY, even with X-Forwarded-For: 127.0.0.1', async () => {
    const remote = `http://${externalAddress}:${everywhere.port}`;
    const spoofed: Record<string, string>[] = [{}, { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' }];
    for (const headers of spoofed) {
      const r = await devLogin(remote, headers);
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe('ERR_DEV_LOGIN_LOOPBACK_ONLY');
      expect(r.body.token).toBeUndefined();
    }
    // The same gateway still serves the loopback caller, and other routes to the remote one.
    expect((await devLogin(everywhere.url)).status).toBe(200);
    expect((await fetch(`${remote}/health`)).status).toBe(200);
  });
});
