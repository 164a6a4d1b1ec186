/**
 * region-server: the per-region runtime service. Owns its region
 * database (migrates it on start), serves the region's world and presence, and exposes health and
 * Prometheus metrics. Plain node:http to keep the idle footprint small (postgres.js pool max 2 with a
 * short idle timeout: 50 regions share a server whose max_connections is 100).
 *
 * Health model: the orchestrator POLLS GET /health every 5 s (HEALTH_PERIOD_MS) and records
 * last_heartbeat_at; /health never touches the database, so polling costs no connections.
 *
 * Routes: GET /health, GET /metrics, GET /world/stats, GET /world/sectors/:number, GET /world/clusters,
 * POST /presence {playerId, action: 'enter'|'leave', sectorNumber?}, GET /holdings/:playerId (planets and stations the
 * player owns here: the stakeholder test of the suspended/grace entry gate, docs/rules/travel.md). Every route but
 * /health (liveness probes, the container health check) needs the region's service token as `Authorization: Bearer …`
 * (401 ERR_REGION_SERVER_UNAUTHORIZED otherwise; @sw/auth region-server-token.ts). GET /metrics also takes the
 * fleet's scrape token (REGION_METRICS_TOKEN), which Prometheus holds (docs/decisions/monitoring.md).
 *
 * Presence expires: a row not refreshed within the TTL stops counting at once and is deleted by a sweep
 * every `presenceSweepMs`, so the table never keeps players who left without saying so.
 */
import http from 'node:http';
import postgres from 'postgres';
import client from 'prom-client';
import { isRegionServerAuthorized } from '@sw/auth/region-server-token';
import { ensureRegionMigrated } from './ensure-region-migrated.ts';

export interface RegionServerOptions {
  regionId: string;
  regionName?: string;
  databaseUrl: string;
  port: number;
  host?: string;
  /** Presence older than this no longer counts as online and is deleted by the sweep (default 5 min). */
  presenceTtlS?: number;
  /** Period of the expired-presence sweep (default 60 s). */
  presenceSweepMs?: number;
  /** The region's service token; every route but /health requires it. */
  serviceToken: string;
  /** The fleet's scrape token (REGION_METRICS_TOKEN): accepted on GET /metrics only, besides the service token. */
  metricsToken?: string;
}

export interface RegionServer {
  regionId: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

type Json = Record<string, unknown> | unknown[];

function send(res: http.ServerResponse, status: number, body: Json | string, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const fail = (res: http.ServerResponse, status: number, code: string, message: string) =>
  send(res, status, { error: { code, message } });

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Migrates the region database, then listens. Resolves once the port is bound. */
export async function startRegionServer(opts: RegionServerOptions): Promise<RegionServer> {
  const startedAt = Date.now();
  const sql = postgres(opts.databaseUrl, { max: 2, idle_timeout: 3, onnotice: () => {}, connection: { application_name: `region-server:${opts.regionName ?? opts.regionId}` } });
  await ensureRegionMigrated(sql, opts.databaseUrl);
  const ttl = opts.presenceTtlS ?? 300;

  const registry = new client.Registry();
  registry.setDefaultLabels({ region_id: opts.regionId });
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({ name: 'sw_region_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] });
  const online = new client.Gauge({
    name: 'sw_region_players_online',
    help: 'Players with presence in the last TTL',
    registers: [registry],
    async collect() {
      const [r] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM presence WHERE last_seen_at > now() - make_interval(secs => ${ttl})`;
      this.set(r?.n ?? 0);
    },
  });
  void online;
  let degraded = false;
  if (!opts.serviceToken) throw new Error('region-server: a service token is required (REGION_SERVER_TOKEN)');

  const sweepPresence = () =>
    sql`DELETE FROM presence WHERE last_seen_at < now() - make_interval(secs => ${ttl})`.catch((err: unknown) =>
      console.error(JSON.stringify({ level: 'warn', msg: 'presence sweep failed', err: String(err) })),
    );
  const sweepTimer = setInterval(() => void sweepPresence(), opts.presenceSweepMs ?? 60_000);
  sweepTimer.unref();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<string> {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    if (req.method === 'GET' && p === '/health') {
      send(res, degraded ? 503 : 200, { status: degraded ? 'degraded' : 'ok', regionId: opts.regionId, uptimeS: Math.round((Date.now() - startedAt) / 1000) });
      return 'health';
    }
    // Prometheus scrapes with the fleet-wide metrics token; it opens /metrics and nothing else.
    if (req.method === 'GET' && p === '/metrics' && opts.metricsToken && isRegionServerAuthorized(req.headers.authorization, opts.metricsToken)) {
      send(res, 200, await registry.metrics(), registry.contentType);
      return 'metrics';
    }
    if (!isRegionServerAuthorized(req.headers.authorization, opts.serviceToken)) {
      fail(res, 401, 'ERR_REGION_SERVER_UNAUTHORIZED', 'this region-server answers its hub only (service token required)');
      return 'unauthorized';
    }
    if (req.method === 'GET' && p === '/metrics') {
      send(res, 200, await registry.metrics(), registry.contentType);
      return 'metrics';
    }
    if (req.method === 'GET' && p === '/world/stats') {
      const [r] = await sql<{ sectors: number; clusters: number; ports: number; planets: number; warps: number; players_online: number }[]>`
        SELECT (SELECT count(*) FROM sectors)::int AS sectors, (SELECT count(*) FROM clusters)::int AS clusters,
               (SELECT count(*) FROM stations)::int AS ports, (SELECT count(*) FROM planets)::int AS planets,
               (SELECT count(*) FROM sector_warps)::int AS warps,
               (SELECT count(*) FROM presence WHERE last_seen_at > now() - make_interval(secs => ${ttl}))::int AS players_online`;
      send(res, 200, { sectors: r!.sectors, clusters: r!.clusters, ports: r!.ports, planets: r!.planets, warps: r!.warps, playersOnline: r!.players_online });
      return 'world_stats';
    }
    const sectorMatch = /^\/world\/sectors\/(\d+)$/.exec(p);
    if (req.method === 'GET' && sectorMatch) {
      const n = Number(sectorMatch[1]);
      const [s] = await sql<Array<{ sectorId: number } & Record<string, unknown>>>`
        SELECT s.sector_id AS "sectorId", s.sector_number AS "sectorNumber", s.name, s.is_capital AS "isCapital",
               s.security_level AS "securityLevel", s.hazard_level AS "hazardLevel", s.development_level AS "developmentLevel",
               s.traffic_level AS "trafficLevel", s.sector_type AS "sectorType", s.is_nexus_protected AS "isNexusProtected",
               s.special_features AS "specialFeatures", s.x, s.y, s.z, c.cluster_number AS "clusterNumber", c.name AS "clusterName"
        FROM sectors s JOIN clusters c ON c.id = s.cluster_id WHERE s.sector_number = ${n}`;
      if (!s) {
        fail(res, 404, 'ERR_UNKNOWN_SECTOR', `sector ${n} does not exist in this region`);
        return 'world_sector';
      }
      const [warps, stations, planets, players] = await Promise.all([
        sql`SELECT t.sector_number AS "toSectorNumber", w.is_bidirectional AS "isBidirectional", w.turn_cost AS "turnCost"
            FROM sector_warps w JOIN sectors t ON t.sector_id = w.to_sector_id
            WHERE w.from_sector_id = ${s.sectorId} AND NOT w.is_latent ORDER BY t.sector_number`,
        sql`SELECT name, station_class AS "stationClass", station_type AS "stationType", security_tier AS "securityTier" FROM stations WHERE sector_id = ${s.sectorId}`,
        sql`SELECT name, planet_type AS "planetType", habitability, population FROM planets WHERE sector_id = ${s.sectorId}`,
        sql<{ n: number }[]>`SELECT count(*)::int AS n FROM presence WHERE sector_number = ${n} AND last_seen_at > now() - make_interval(secs => ${ttl})`,
      ]);
      send(res, 200, { ...s, warps, stations, planets, playersPresent: players[0]!.n });
      return 'world_sector';
    }
    if (req.method === 'GET' && p === '/world/clusters') {
      const rows = await sql`
        SELECT cluster_number AS "clusterNumber", name, cluster_type AS "clusterType", sector_count AS "sectorCount",
               warp_stability AS "warpStability", economic_value AS "economicValue", x, y, z
        FROM clusters ORDER BY cluster_number`;
      send(res, 200, rows as unknown as Json);
      return 'world_clusters';
    }
    const holdingsMatch = /^\/holdings\/([0-9a-f-]{36})$/i.exec(p);
    if (req.method === 'GET' && holdingsMatch) {
      const [h] = await sql<{ planets: number; stations: number }[]>`
        SELECT (SELECT count(*) FROM planets WHERE owner_player_id = ${holdingsMatch[1]!})::int AS planets,
               (SELECT count(*) FROM stations WHERE owner_player_id = ${holdingsMatch[1]!})::int AS stations`;
      send(res, 200, { planets: h!.planets, stations: h!.stations });
      return 'holdings';
    }
    if (req.method === 'POST' && p === '/presence') {
      let body: { playerId?: unknown; action?: unknown; sectorNumber?: unknown };
      try {
        body = (await readJson(req)) as typeof body;
      } catch {
        fail(res, 400, 'ERR_BAD_REQUEST', 'body must be JSON');
        return 'presence';
      }
      const issues: string[] = [];
      if (typeof body.playerId !== 'string' || !UUID_RE.test(body.playerId)) issues.push('playerId must be a uuid');
      if (body.action !== 'enter' && body.action !== 'leave') issues.push("action must be 'enter' or 'leave'");
      if (body.action === 'enter' && !(Number.isInteger(body.sectorNumber) && (body.sectorNumber as number) >= 1)) issues.push('sectorNumber must be a positive integer');
      if (issues.length) {
        fail(res, 400, 'ERR_VALIDATION', issues.join('; '));
        return 'presence';
      }
      if (body.action === 'enter') {
        const [exists] = await sql`SELECT 1 FROM sectors WHERE sector_number = ${body.sectorNumber as number}`;
        if (!exists) {
          fail(res, 404, 'ERR_UNKNOWN_SECTOR', `sector ${body.sectorNumber} does not exist in this region`);
          return 'presence';
        }
        await sql`INSERT INTO presence (player_id, sector_number, last_seen_at) VALUES (${body.playerId as string}, ${body.sectorNumber as number}, now())
                  ON CONFLICT (player_id) DO UPDATE SET sector_number = EXCLUDED.sector_number, last_seen_at = now()`;
      } else {
        await sql`DELETE FROM presence WHERE player_id = ${body.playerId as string}`;
      }
      const [r] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM presence WHERE last_seen_at > now() - make_interval(secs => ${ttl})`;
      send(res, 200, { ok: true, playersOnline: r!.n });
      return 'presence';
    }
    fail(res, 404, 'ERR_NOT_FOUND', `no route ${req.method} ${p}`);
    return 'not_found';
  }

  const server = http.createServer((req, res) => {
    handle(req, res)
      .then((route) => requests.inc({ route, status: String(res.statusCode) }))
      .catch((err: unknown) => {
        degraded = (err as { code?: string }).code === 'ECONNREFUSED' || degraded;
        if (!res.headersSent) fail(res, 500, 'ERR_INTERNAL', 'internal error');
        requests.inc({ route: 'error', status: '500' });
        console.error(JSON.stringify({ level: 'error', msg: 'request failed', err: String(err) }));
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    regionId: opts.regionId,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    async close() {
      clearInterval(sweepTimer);
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await sql.end({ timeout: 2 });
    },
  };
}
