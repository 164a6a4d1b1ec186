/**
 * The compose topology's nginx.conf (packages/launcher/docker/nginx.conf), run for real on this machine's nginx with
 * the compose host names pointed at three stand-in gateways and a stand-in region-manager on loopback (and a
 * throw-away self-signed certificate for the 443 server): queries go round-robin, WebSocket upgrades with one affinity
 * key always reach the same gateway, different keys spread, and PayPal's webhook path reaches the region-manager.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '@sw/testing';
import { REPO_ROOT } from './service-table.ts';

interface StandIn {
  name: string;
  server: http.Server;
  port: number;
  requests: string[];
  upgrades: string[];
}

const standIns: StandIn[] = [];
let dir: string;
let nginx: ChildProcess | undefined;
let port: number;

async function standIn(name: string): Promise<StandIn> {
  const s: StandIn = { name, server: http.createServer(), port: 0, requests: [], upgrades: [] };
  s.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    s.requests.push(req.url ?? '');
    res.setHeader('x-stand-in', name);
    res.end('ok');
  });
  s.server.on('upgrade', (req: http.IncomingMessage, socket: import('node:stream').Duplex) => {
    s.upgrades.push(req.url ?? '');
    socket.end(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Stand-In: ${name}\r\n\r\n`);
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', () => r()));
  s.port = (s.server.address() as AddressInfo).port;
  standIns.push(s);
  return s;
}

/** A raw WebSocket handshake through nginx; resolves with the stand-in that answered (nginx passes X-Stand-In on). */
function upgrade(query: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let head = '';
    sock.on('connect', () =>
      sock.write(
        `GET /graphql${query} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    sock.on('data', (d: Buffer) => {
      head += d.toString();
      if (!head.includes('\r\n\r\n')) return;
      sock.destroy();
      const who = /x-stand-in:\s*(\S+)/i.exec(head)?.[1];
      if (head.startsWith('HTTP/1.1 101') && who) resolve(who);
      else reject(new Error(`no upgrade: ${head}`));
    });
    sock.on('error', reject);
  });
}

beforeAll(async () => {
  const gateways = [await standIn('gateway-1'), await standIn('gateway-2'), await standIn('gateway-3')];
  const manager = await standIn('region-manager');
  dir = mkdtempSync(path.join(os.tmpdir(), 'sw-compose-nginx-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'privkey.pem'), '-out', path.join(dir, 'fullchain.pem')], { stdio: 'ignore' });
  port = await freePort();
  const tlsPort = await freePort();
  const version = /nginx\/(\d+)\.(\d+)/.exec(spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr)?.slice(1).map(Number);
  let conf = readFileSync(path.join(REPO_ROOT, 'packages/launcher/docker/nginx.conf'), 'utf8');
  for (const g of gateways) conf = conf.replaceAll(`${g.name}:4000`, `127.0.0.1:${g.port}`);
  conf = conf
    .replaceAll('region-manager:8081', `127.0.0.1:${manager.port}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${tlsPort} ssl;`)
    .replaceAll('/etc/nginx/tls/', `${dir}/`);
  // The compose image is nginx 1.27; `http2 on;` exists since 1.25 (older nginx writes `listen … http2`).
  if (!version || version[0]! < 1 || (version[0] === 1 && version[1]! < 25)) conf = conf.replace(/^\s*http2 on;\n/m, '');
  writeFileSync(path.join(dir, 'site.conf'), conf);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\n${process.getuid?.() === 0 ? 'user nobody nogroup;\n' : ''}events {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/px; fastcgi_temp_path ${dir}/fc; uwsgi_temp_path ${dir}/uw; scgi_temp_path ${dir}/sc;\n  include ${dir}/site.conf;\n}\n`,
  );
  execFileSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'pipe' });
  nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  await waitFor('compose nginx answering', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok);
}, 60_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx!.once('exit', r));
    nginx.kill('SIGTERM');
    await exited;
  }
  await Promise.all(standIns.map((s) => new Promise<void>((r) => s.server.close(() => r()))));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('compose nginx.conf', () => {
  it('sends queries round-robin over gateway-1..3', async () => {
    const gateways = standIns.slice(0, 3);
    const before = gateways.map((g) => g.requests.length);
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await res.text();
    }
    expect(gateways.map((g, i) => g.requests.length - before[i]!)).toEqual([10, 10, 10]);
  });

  it('routes WebSocket upgrades by consistent hash on ?affinity=: one key, one gateway; keys spread over all three', async () => {
    const placement = new Map<string, string>();
    for (let u = 0; u < 30; u++) {
      const seen = new Set<string>();
      for (let tab = 0; tab < 3; tab++) seen.add(await upgrade(`?affinity=user-${u}`));
      expect(seen.size, `user-${u}`).toBe(1);
      placement.set(`user-${u}`, [...seen][0]!);
    }
    expect(new Set(placement.values()).size).toBe(3);
    // Without a key, sockets still spread (by request id) instead of piling onto one gateway.
    const anonymous = new Set<string>();
    for (let i = 0; i < 30; i++) anonymous.add(await upgrade(''));
    expect(anonymous.size).toBeGreaterThan(1);
  });

  it('keeps PayPal webhooks on the region-manager, POST only', async () => {
    const manager = standIns[3]!;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/paypal/webhooks`, { method: 'POST', body: '{}' });
    expect(res.headers.get('x-stand-in')).toBe('region-manager');
    await res.text();
    expect(manager.requests).toContain('/api/v1/paypal/webhooks');
    const get = await fetch(`http://127.0.0.1:${port}/api/v1/paypal/webhooks`);
    expect(get.status).toBe(403);
    await get.text();
  });
});
