/**
 * region-cli — operator CLI for the region manager REST API.
 *
 *   node src/cli/region-cli.ts [--url http://127.0.0.1:8081] [--token <jwt> | SW_TOKEN=…] <command>
 *     list [--format table|json]
 *     show <region> [--format table|json]
 *     provision <config.yml> [--no-wait]       (progress bar until ready / error)
 *     scale <region> [--cpu N] [--memory GB] [--disk GB] [--max-players N]
 *     terminate <region> [--confirm] [--immediate]   (asks y/N without --confirm)
 *     hibernate <region>                        (admin: stop the region-server now, keep the database)
 *     wake <region> [--no-wait]                 (start a hibernated region again; progress bar until READY)
 *     resurrect <region> [--no-wait]            (bring a tombstoned region back; progress bar until READY)
 *     metrics [--format table|json]
 *     config <out.yml>                          (writes a sample provision request)
 *     backup list <region> [--format table|json]
 *     backup create <region> | backup create --all  (logical backup + manifest; --all: every running region, progress bar)
 *     backup restore <region> [--backup <id>]   (into a scratch database, compared with the manifest; exit 1 on a mismatch)
 * Exit code 0 on success, 1 on any error (printed as `error: CODE message`).
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import YAML from 'yaml';
import type { FleetMetricsBody, RegionDetailBody, RegionListBody, RegionListItem } from '../api/rest-wire.ts';
import { restErrorOf } from '../api/rest-wire.ts';
import type { RuntimeView } from '../api/runtime-view.ts';
import { formatTable } from './format-table.ts';
import type { BackupView } from '../backups/backup-commands.ts';
import type { RegionRestoreResult } from '../backups/region-backup.ts';

class CliError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

interface Globals {
  url: string;
  token?: string;
}

/** Options of the commands that print (`--format`). */
interface FormatOptions {
  format: 'table' | 'json';
}

/**
 * One request to the region manager. A non-2xx answer throws its `{ error: { code, message } }` as a CliError;
 * a 2xx body is returned as `T`, the route's declared body (api/rest-wire.ts).
 */
async function call<T>(g: Globals, method: string, path: string, body?: unknown): Promise<T> {
  const token = g.token ?? process.env.SW_TOKEN;
  if (!token) throw new CliError('ERR_UNAUTHENTICATED', 'pass --token or set SW_TOKEN');
  let res: Response;
  try {
    res = await fetch(`${g.url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new CliError('ERR_UNREACHABLE', `cannot reach ${g.url}: ${(err as Error).message}`);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = restErrorOf(json);
    throw new CliError(error?.code ?? `HTTP_${res.status}`, error?.message || res.statusText);
  }
  return json as T;
}

const formatOption = () => new Option('--format <format>', 'output format').choices(['table', 'json']).default('table');
const print = (format: string, json: unknown, table: () => string) => console.log(format === 'json' ? JSON.stringify(json, null, 2) : table());

function listRow(r: RegionListItem) {
  return {
    name: r.name, state: r.state, owner: r.ownerId?.slice(0, 8) ?? null, players: r.usage?.playersOnline,
    'cpu%': r.usage?.cpuPct, 'memory%': r.usage?.memPct, cpu: r.spec.cpu, memory: `${r.spec.memoryGb}G`, created: r.createdAt?.slice(0, 19),
  };
}

export function buildProgram(): Command {
  const program = new Command('region-cli')
    .description('Manage SectorWars player regions through the region manager')
    .option('--url <url>', 'region manager base URL', process.env.REGION_MANAGER_URL ?? 'http://127.0.0.1:8081')
    .option('--token <jwt>', 'bearer token (default: SW_TOKEN env)')
    .showHelpAfterError();
  const g = () => program.opts<Globals>();

  program.command('list').description('list regions').addOption(formatOption()).action(async (o: FormatOptions) => {
    const { regions } = await call<RegionListBody>(g(), 'GET', '/regions');
    print(o.format, regions, () => formatTable(regions.map(listRow), ['name', 'state', 'owner', 'players', 'cpu%', 'memory%', 'cpu', 'memory', 'created']));
  });

  program.command('show <region>').description('show one region').addOption(formatOption()).action(async (name: string, o: FormatOptions) => {
    const r = await call<RegionDetailBody>(g(), 'GET', `/regions/${encodeURIComponent(name)}`);
    print(o.format, r, () => [
      `name:        ${r.name} (${r.displayName})`,
      `id:          ${r.regionId}`,
      `state:       ${r.state} (desired ${r.desiredState}, status ${r.status})${r.healthReason ? ` reason ${r.healthReason}` : ''}`,
      `owner:       ${r.ownerId ?? '-'}`,
      `driver:      ${r.driver ?? '-'}  endpoint ${r.endpoint ?? '-'}`,
      `spec:        cpu ${r.spec.cpu}  memory ${r.spec.memoryGb} GB  disk ${r.spec.storageGb} GB  max players ${r.spec.maxPlayers}  (generation ${r.specGeneration}/${r.observedGeneration})`,
      `usage:       players ${r.usage.playersOnline ?? '-'}  cpu ${r.usage.cpuPct ?? '-'}%  memory ${r.usage.memPct ?? '-'}% (${r.usage.rssMb ?? '-'} MB)  uptime ${r.usage.uptimeS ?? '-'} s`,
      `restarts:    ${r.restartCount}${r.evacuationDeadlineAt ? `  evacuation deadline ${r.evacuationDeadlineAt}` : ''}`,
      '',
      formatTable(r.conditions, ['type', 'status', 'reason', 'attempts', 'lastTransitionAt']),
      '',
      formatTable(r.recentEvents.slice(0, 10), ['at', 'type', 'reason', 'message']),
    ].join('\n'));
  });

  program.command('provision <config>').description('provision a region from a YAML request').option('--no-wait', 'return right after the request is accepted')
    .option('--timeout <seconds>', 'how long to wait for ready', '300').action(async (file: string, o: { wait: boolean; timeout: string }) => {
      const body = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const r = await call<RuntimeView>(g(), 'POST', '/regions/provision', body);
      console.log(`provision requested: ${r.name} (${r.regionId})`);
      if (!o.wait) return;
      const bar = new cliProgress.SingleBar({ format: 'provisioning [{bar}] {value}/{total} {state} {step}', stream: process.stdout, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 1000 }, cliProgress.Presets.shades_classic);
      bar.start(r.conditions.length, 0, { state: r.state, step: '' });
      const deadline = Date.now() + Number(o.timeout) * 1000;
      let cur: RuntimeView = r;
      try {
        while (Date.now() < deadline) {
          cur = await call<RegionDetailBody>(g(), 'GET', `/regions/${encodeURIComponent(r.name)}`);
          const done = cur.conditions.filter((c) => c.status === 'True').length;
          const next = cur.conditions.find((c) => c.status !== 'True');
          bar.update(done, { state: cur.state, step: next ? next.type : '' });
          if (['READY', 'ERROR', 'GENERATION_CORRUPT', 'ATTACHMENT_PENDING'].includes(cur.state)) break;
          await new Promise((res) => setTimeout(res, 500));
        }
      } finally {
        bar.stop();
      }
      if (cur.state !== 'READY') throw new CliError('ERR_REGION_NOT_READY', `region ${cur.name} ended in ${cur.state}${cur.healthReason ? ` (${cur.healthReason})` : ''}`);
      console.log(`region ${cur.name} is READY at ${cur.endpoint}`);
    });

  program.command('scale <region>').description('change the resources of a region')
    .option('--cpu <vcpu>', 'vCPU (1-8, steps of 0.5)').option('--memory <gb>', 'memory GB (2-16)').option('--disk <gb>', 'storage GB (10-100)')
    .option('--max-players <n>', 'max players (10-1000)').action(async (name: string, o: { cpu?: string; memory?: string; disk?: string; maxPlayers?: string }) => {
      const body = { cpu: o.cpu, memory: o.memory, disk: o.disk, maxPlayers: o.maxPlayers };
      if (Object.values(body).every((v) => v === undefined)) throw new CliError('ERR_VALIDATION', 'give at least one of --cpu, --memory, --disk, --max-players');
      const r = await call<RuntimeView>(g(), 'POST', `/regions/${encodeURIComponent(name)}/scale`, body);
      console.log(`scaled ${r.name}: cpu ${r.spec.cpu}, memory ${r.spec.memoryGb} GB, disk ${r.spec.storageGb} GB, max players ${r.spec.maxPlayers} (spec generation ${r.specGeneration})`);
    });

  program.command('terminate <region>').description('start the 30-day evacuation notice (or --immediate, admin)')
    .option('--confirm', 'skip the y/N prompt').option('--immediate', 'skip the notice: archive and remove now (admin)').action(async (name: string, o: { confirm?: boolean; immediate?: boolean }) => {
      if (!o.confirm) {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(`Terminate region ${name}${o.immediate ? ' IMMEDIATELY' : ' (30-day evacuation notice)'}? [y/N] `);
        rl.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          console.log('aborted');
          return;
        }
      }
      const r = await call<RuntimeView>(g(), 'DELETE', `/regions/${encodeURIComponent(name)}?confirm=true${o.immediate ? '&immediate=true' : ''}`);
      console.log(`termination requested for ${r.name}: evacuation deadline ${r.evacuationDeadlineAt}`);
    });

  /** A progress bar over the stages of a dormancy change, polling the region until it reaches `stages`' last. */
  async function follow(name: string, stages: readonly string[], first: RuntimeView, timeoutS: number, label: string): Promise<RuntimeView> {
    const started = Date.now();
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} {state} {ms} ms`, stream: process.stdout, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic);
    const at = (state: string) => Math.max(0, stages.indexOf(state));
    bar.start(stages.length - 1, at(first.state), { state: first.state, ms: 0 });
    let cur = first;
    try {
      while (cur.state !== stages.at(-1) && Date.now() - started < timeoutS * 1000) {
        if (['ERROR', 'ARCHIVED', 'TERMINATED', 'GENERATION_CORRUPT'].includes(cur.state)) break;
        await new Promise((res) => setTimeout(res, 100));
        cur = await call<RegionDetailBody>(g(), 'GET', `/regions/${encodeURIComponent(name)}`);
        bar.update(at(cur.state), { state: cur.state, ms: Date.now() - started });
      }
    } finally {
      bar.stop();
    }
    return cur;
  }

  program.command('hibernate <region>').description('hibernate a ready region now: stop its region-server, keep its database (admin)')
    .action(async (name: string) => {
      const bar = new cliProgress.SingleBar({ format: 'hibernating [{bar}] {value}/{total} {state}', stream: process.stdout, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic);
      bar.start(2, 0, { state: 'READY' });
      let r: RuntimeView;
      try {
        bar.update(1, { state: 'stopping' });
        r = await call<RuntimeView>(g(), 'POST', `/regions/${encodeURIComponent(name)}/hibernate`);
        bar.update(2, { state: r.state });
      } finally {
        bar.stop();
      }
      console.log(`region ${r.name} is ${r.state}: no region-server runs, its database is kept`);
    });

  const wakeCommand = (cmd: 'wake' | 'resurrect', description: string, from: string) =>
    program.command(`${cmd} <region>`).description(description).option('--no-wait', 'return once the wake is requested')
      .option('--timeout <seconds>', 'how long to wait for READY', '60').action(async (name: string, o: { wait: boolean; timeout: string }) => {
        const t0 = Date.now();
        const r = await call<RuntimeView>(g(), 'POST', `/regions/${encodeURIComponent(name)}/${cmd}`);
        if (!o.wait || r.state === 'READY') {
          console.log(`region ${r.name} is ${r.state}`);
          return;
        }
        const cur = await follow(name, [from, 'WAKING', 'READY'], r, Number(o.timeout), cmd === 'wake' ? 'waking' : 'resurrecting');
        if (cur.state !== 'READY') throw new CliError('ERR_REGION_NOT_READY', `region ${cur.name} ended in ${cur.state}${cur.healthReason ? ` (${cur.healthReason})` : ''}`);
        console.log(`region ${cur.name} is READY at ${cur.endpoint} after ${Date.now() - t0} ms`);
      });
  wakeCommand('wake', 'start a hibernated region again (owner or admin)', 'HIBERNATED');
  wakeCommand('resurrect', 'bring a tombstoned region back: region-server and Nexus warp (owner or admin)', 'TOMBSTONED');

  program.command('metrics').description('fleet metrics').addOption(formatOption()).action(async (o: FormatOptions) => {
    const m = await call<FleetMetricsBody>(g(), 'GET', '/api/v1/region-manager/metrics');
    print(o.format, m, () => [
      `total regions:   ${m.totalRegions}`,
      `active regions:  ${m.activeRegions}`,
      `live / target:   ${m.liveRegions} / ${m.softTarget} (${Math.round(m.utilization * 100)} %)${m.alert ? '  ALERT (>= 75 %)' : ''}`,
      `players online:  ${m.playersOnline}`,
      `average CPU:     ${m.averageCpuPct ?? '-'} %`,
      `total memory:    ${m.totalMemoryGb} GB`,
      '',
      formatTable(m.regions, ['name', 'state', 'cpu', 'memoryGb', 'cpuPct', 'memPct', 'playersOnline']),
    ].join('\n'));
  });

  program.command('config <out>').description('write a sample provision request').action((out: string) => {
    const sample = {
      name: 'sample-region',
      owner_id: '00000000-0000-0000-0000-000000000000',
      size_tier: 'standard',
      cpu: 2,
      memory: 4,
      disk: 20,
      max_players: 100,
      governance_type: 'democracy',
      economic_specialization: 'commerce',
      starting_credits: 1500,
      starting_ship: 'scout',
      language_pack: { greeting: 'Welcome, traveller' },
      aesthetic_theme: { primary_color: '#3366cc' },
      custom_rules: { pvp_enabled: true, trading_tax: 0.05, max_ships_per_player: 10 },
    };
    writeFileSync(out, `# region-cli provision request (owner_id = a player id)\n${YAML.stringify(sample)}`);
    console.log(`wrote ${out}`);
  });
  const backup = program.command('backup').description('region database backups (docs/decisions/backups.md)');
  backup.command('list <region>').description('backups of a region, newest first').addOption(formatOption()).action(async (name: string, o: FormatOptions) => {
    const { backups } = await call<{ backups: BackupView[] }>(g(), 'GET', `/regions/${encodeURIComponent(name)}/backups`);
    print(o.format, backups, () => (backups.length ? formatTable(backups.map((b) => ({ id: b.id, created: b.createdAt.slice(0, 19), tables: b.tables, rows: b.rows, bytes: b.bytes, sha256: b.sha256.slice(0, 16) })), ['id', 'created', 'tables', 'rows', 'bytes', 'sha256']) : `no backups of ${name}`));
  });
  backup.command('create [region]').description('back up a region now (or --all running regions)').option('--all', 'every running region, one after another').action(async (name: string | undefined, o: { all?: boolean }) => {
    if (!name && !o.all) throw new CliError('ERR_VALIDATION', 'name a region or pass --all');
    const targets = name ? [name] : (await call<RegionListBody>(g(), 'GET', '/regions')).regions.filter((r) => ['READY', 'UNHEALTHY', 'DRAINING', 'ATTACHMENT_PENDING'].includes(r.state)).map((r) => r.name);
    const bar = new cliProgress.SingleBar({ format: 'backing up [{bar}] {value}/{total} {region}', stream: process.stdout, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 1000 }, cliProgress.Presets.shades_classic);
    bar.start(targets.length, 0, { region: '' });
    const failed: string[] = [];
    const done: BackupView[] = [];
    try {
      for (const [i, t] of targets.entries()) {
        bar.update(i, { region: t });
        try {
          done.push(await call<BackupView>(g(), 'POST', `/regions/${encodeURIComponent(t)}/backups`));
        } catch (err) {
          failed.push(`${t}: ${(err as CliError).code ?? ''} ${(err as Error).message}`);
        }
      }
      bar.update(targets.length, { region: '' });
    } finally {
      bar.stop();
    }
    for (const b of done) console.log(`backed up ${b.regionName}: ${b.id} (${b.tables} tables, ${b.rows} rows, ${b.bytes} bytes, sha256 ${b.sha256.slice(0, 16)})`);
    if (failed.length) throw new CliError('ERR_BACKUP_FAILED', `${failed.length} of ${targets.length} failed: ${failed.join('; ')}`);
  });
  backup.command('restore <region>').description('restore a backup into a scratch database and compare it with its manifest').option('--backup <id>', 'backup id (default the newest)')
    .addOption(formatOption()).action(async (name: string, o: FormatOptions & { backup?: string }) => {
      const r = await call<RegionRestoreResult>(g(), 'POST', `/regions/${encodeURIComponent(name)}/backups/restore`, o.backup ? { backupId: o.backup } : {});
      print(o.format, r, () => `restored ${r.backupId} into ${r.database} in ${r.ms} ms: ${r.tables} tables, ${r.rows} rows, ${r.diffs.length ? `${r.diffs.length} table(s) DIFFER: ${r.diffs.map((d) => d.table).join(', ')}` : 'every table matches the manifest (rows and sha256)'}`);
      if (r.diffs.length) throw new CliError('ERR_BACKUP_MISMATCH', `${r.diffs.length} table(s) differ from the manifest`);
    });
  return program;
}

if (import.meta.main) {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    const e = err as CliError;
    console.error(`error: ${e.code ?? 'ERR_INTERNAL'} ${e.message}`);
    process.exitCode = 1;
  }
}
