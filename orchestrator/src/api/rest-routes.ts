/**
 * Region-manager REST, on the orchestrator's port next to /graphql. Every
 * route except /health and /metrics needs `Authorization: Bearer <jwt>` (verifyAccessToken from
 * @sw/auth); admins see and act on every region, owners on their own. Errors are
 * `{ error: { code, message } }` with the mapped status. The four mutations are audited like their GraphQL twins
 * (audited-region-command.ts).
 *
 *   GET    /regions                        list (admin: all, player: own)
 *   GET    /regions/:name                  one region + usage + recent events
 *   POST   /regions/provision              body = provision request (camelCase or the seed's snake_case YAML keys)
 *   POST   /regions/:name/scale            {cpu, memory|memoryGb, disk|storageGb, maxPlayers}
 *   DELETE /regions/:name?confirm=true[&immediate=true]
 *   POST   /regions/:name/cancel-termination
 *   POST   /regions/:name/hibernate          admin: stop the region-server now, keep the database (docs/rules/hibernation.md)
 *   POST   /regions/:name/wake[?wait=ms]     owner / admin: start a hibernated region again (resurrect: a tombstoned one);
 *                                            202 {state: WAKING} without wait, 200 {state: READY, wakeMs} once ready
 *   POST   /regions/:name/resurrect[?wait=ms] the same for a tombstoned region (refused for other states)
 *                                            refusals (nothing changed): ERR_REGION_NOT_HIBERNATABLE, ERR_REGION_NOT_DORMANT
 *                                            (wake of a READY region), ERR_REGION_NOT_WAKEABLE; each call is audited
 *   GET    /api/v1/region-manager/metrics  fleet summary (JSON); Prometheus text stays at GET /metrics
 */
import express, { type Express, type Request, type Response } from 'express';
import { verifyAccessToken, type Claims } from '@sw/auth';
import { DomainError, type DormancyCommand } from '@sw/domain';
import { restError } from '@sw/service-kit';
import { unwrap } from '../commands/outcome.ts';
import { checkPermission } from '../commands/permissions.ts';
import { provisionRegion, type ProvisionRegionInput } from '../commands/provision-region.ts';
import { scaleRegion } from '../commands/scale-region.ts';
import { cancelTermination, terminateRegion } from '../commands/terminate-region.ts';
import { runDormancyCommand } from '../commands/dormancy-commands.ts';
import { findRegion, listPlayerRegions } from '../store/region-row.ts';
import type { ApiDeps } from './orchestrator-deps.ts';
import { auditedRegionCommand, type AuditCaller } from './audited-region-command.ts';
import { regionUsage } from './region-usage.ts';
import type { FleetMetricsBody, RegionDetailBody, RegionListBody } from './rest-wire.ts';
import { fleetView, recentEvents, runtimeView } from './runtime-view.ts';
import { createAllBackups, createBackup, listBackups, restoreBackup, type BackupDeps } from '../backups/backup-commands.ts';

async function claimsOf(req: Request, secret?: string): Promise<Claims> {
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(h);
  if (!m) throw new DomainError('ERR_UNAUTHENTICATED', 'Authorization: Bearer <token> required');
  return await verifyAccessToken(m[1]!, secret ? { secret } : undefined);
}

const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));

/** Accepts the seed's region-cli YAML keys as well as the GraphQL input names. */
export function provisionInputFromBody(b: Record<string, unknown>): ProvisionRegionInput {
  return {
    name: String(b.name ?? ''),
    displayName: (b.displayName ?? b.display_name ?? null) as string | null,
    ownerPlayerId: (b.ownerPlayerId ?? b.owner_id ?? b.ownerId ?? null) as string | null,
    sizeTier: (b.sizeTier ?? b.size_tier ?? null) as string | null,
    cpu: num(b.cpu) ?? null,
    memoryGb: num(b.memoryGb ?? b.memory) ?? null,
    storageGb: num(b.storageGb ?? b.disk) ?? null,
    maxPlayers: num(b.maxPlayers ?? b.max_players) ?? null,
    seed: b.seed == null ? null : String(b.seed),
  };
}

export function mountRegionManagerRoutes(app: Express, deps: ApiDeps): void {
  const json = express.json({ limit: '256kb' });
  const handle = (fn: (req: Request, res: Response, claims: Claims) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      const claims = await claimsOf(req, deps.jwtSecret);
      const body = await fn(req, res, claims);
      if (!res.headersSent) res.json(body);
    } catch (err) {
      if (!(err instanceof DomainError)) console.error(JSON.stringify({ level: 'error', msg: 'region-manager request failed', err: String((err as Error)?.stack ?? err) }));
      restError(res, err);
    }
  };
  const name = (req: Request) => String(req.params.name);
  const fallbackLog: AuditCaller['log'] = { error: (obj, msg) => console.error(msg, obj) };
  const caller = (claims: Claims): AuditCaller => ({ claims, log: deps.log ?? fallbackLog });

  app.get('/regions', handle(async (_req, _res, claims): Promise<RegionListBody> => {
    const rows = (await listPlayerRegions(deps.sql)).filter((r) => !checkPermission(claims, 'view', r));
    return { regions: await Promise.all(rows.map(async (r) => ({ ...runtimeView(r), usage: await regionUsage(deps.driver, r) }))) };
  }));

  app.get('/regions/:name', handle(async (req, _res, claims): Promise<RegionDetailBody> => {
    const r = await findRegion(deps.sql, name(req));
    if (!r || r.regionType !== 'player_owned') throw new DomainError('ERR_REGION_NOT_FOUND', `region ${name(req)} not found`);
    const denied = checkPermission(claims, 'view', r);
    if (denied) unwrap(denied);
    return { ...runtimeView(r), usage: await regionUsage(deps.driver, r), recentEvents: await recentEvents(deps.sql, r.id, 20) };
  }));

  app.post('/regions/provision', json, handle(async (req, res, claims) => {
    const input = provisionInputFromBody((req.body ?? {}) as Record<string, unknown>);
    const r = await auditedRegionCommand(deps, caller(claims), 'provisionRegion', input.name, { input, via: 'rest' }, (audit) => provisionRegion(deps, claims, input, { audit }));
    deps.reconciler.kick(r.id);
    res.status(202).json(runtimeView(r));
  }));

  app.post('/regions/:name/scale', json, handle(async (req, _res, claims) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const input = { cpu: num(b.cpu), memoryGb: num(b.memoryGb ?? b.memory), storageGb: num(b.storageGb ?? b.disk), maxPlayers: num(b.maxPlayers ?? b.max_players) };
    const r = await auditedRegionCommand(deps, caller(claims), 'scaleRegion', name(req), { input, via: 'rest' }, (audit) => scaleRegion(deps, claims, name(req), input, { audit }));
    deps.reconciler.kick(r.id);
    return runtimeView(r);
  }));

  app.delete('/regions/:name', handle(async (req, _res, claims) => {
    if (req.query.confirm !== 'true') throw new DomainError('ERR_VALIDATION', 'termination needs ?confirm=true');
    const immediate = req.query.immediate === 'true';
    const r = await auditedRegionCommand(deps, caller(claims), 'terminateRegion', name(req), { immediate, via: 'rest' }, (audit) => terminateRegion(deps, claims, name(req), { immediate, audit }));
    deps.reconciler.kick(r.id);
    return runtimeView(r);
  }));

  app.post('/regions/:name/cancel-termination', handle(async (req, _res, claims) => {
    const r = await auditedRegionCommand(deps, caller(claims), 'cancelTermination', name(req), { via: 'rest' }, (audit) => cancelTermination(deps, claims, name(req), { audit }));
    deps.reconciler.kick(r.id);
    return runtimeView(r);
  }));

  // Region backups (docs/decisions/backups.md): fleet admins only.
  const backups = (): BackupDeps => {
    if (!deps.backups) throw new DomainError('ERR_NOT_FOUND', 'backups are not configured on this orchestrator');
    return deps.backups;
  };
  app.get('/regions/:name/backups', handle(async (req, _res, claims) => ({ backups: await listBackups(backups(), claims, name(req)) })));
  app.post('/regions/:name/backups', handle(async (req, res, claims) => {
    const b = await createBackup(backups(), claims, name(req));
    res.status(201);
    return b;
  }));
  app.post('/regions/:name/backups/restore', json, handle(async (req, _res, claims) => {
    const body = (req.body ?? {}) as { backupId?: unknown };
    return await restoreBackup(backups(), claims, name(req), typeof body.backupId === 'string' ? { backupId: body.backupId } : {});
  }));
  app.post('/backups', handle(async (_req, _res, claims) => ({ results: await createAllBackups(backups(), claims) })));
  // Hibernate / wake / resurrect: the one home of these commands (commands/dormancy-commands.ts, audited), shared with
  // the admin GraphQL mutations.
  const waitOf = (req: Request) => Math.min(Math.max(Number(req.query.wait ?? 0) || 0, 0), 60_000);
  const dormancyRoute = (cmd: DormancyCommand) => handle(async (req, res, claims) => {
    const out = await runDormancyCommand(deps, caller(claims), cmd, name(req), { waitMs: cmd === 'hibernate' ? 0 : waitOf(req), via: 'rest' });
    if (cmd === 'hibernate') return runtimeView(out.region);
    if (!out.settled) res.status(202);
    return { ...runtimeView(out.region), wakeMs: out.wakeMs };
  });
  app.post('/regions/:name/hibernate', dormancyRoute('hibernate'));
  app.post('/regions/:name/wake', dormancyRoute('wake'));
  app.post('/regions/:name/resurrect', dormancyRoute('resurrect'));

  app.get('/api/v1/region-manager/metrics', handle(async (_req, _res, claims): Promise<FleetMetricsBody> => {
    const all = await listPlayerRegions(deps.sql);
    const rows = all.filter((r) => !checkPermission(claims, 'view', r));
    const measured = await Promise.all(rows.map(async (r) => ({ r, u: await regionUsage(deps.driver, r) })));
    const usage = measured.map((m) => m.u);
    const fleet = fleetView(all);
    const cpu = usage.map((u) => u.cpuPct).filter((v): v is number => v !== null);
    return {
      totalRegions: rows.length,
      // Fleet-wide capacity figures: the one rule (fleetCapacity, @sw/domain) behind the Fleet query and the gauges.
      activeRegions: fleet.activeRegions,
      liveRegions: fleet.liveRegions,
      softTarget: fleet.softTarget,
      utilization: fleet.utilization,
      alert: fleet.alert,
      playersOnline: usage.reduce((a, u) => a + (u.playersOnline ?? 0), 0),
      averageCpuPct: cpu.length ? Math.round((cpu.reduce((a, b) => a + b, 0) / cpu.length) * 10) / 10 : null,
      totalMemoryGb: rows.reduce((a, r) => a + r.memoryGb, 0),
      regions: measured.map(({ r, u }) => ({ name: r.name, state: r.runtimeState, cpu: r.cpu, memoryGb: r.memoryGb, ...u })),
    };
  }));
}
