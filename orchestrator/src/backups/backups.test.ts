import { describe, expect, it } from 'vitest';
import { BACKUP_JOBS, backupJob, crontabLines, HUB_RETENTION } from './backup-schedule.ts';
import { backupSeries, mergeHubBackups } from './backup-metrics.ts';
import { archivingProblem, hubBackupKind, hubBackupQueue } from './hub-backup-jobs.ts';
import { archiveCommand, parseInfo, renderPgBackRestConfig, runAsPrefix } from './pgbackrest.ts';
import { fingerprintDiff } from './region-backup.ts';

describe('backup schedule', () => {
  it('is a daily full, an hourly incremental (not at the full hour), a monthly full and a daily region dump', () => {
    expect(crontabLines()).toEqual([
      '0 2 * * * postgres pgbackrest --stanza=hub --repo=1 --type=full backup',
      '5 0-1,3-23 * * * postgres pgbackrest --stanza=hub --repo=1 --type=incr backup',
      '30 3 1 * * postgres pgbackrest --stanza=hub --repo=2 --type=full backup',
      '15 4 * * * sectorwars pnpm run region-cli backup create --all',
    ]);
    // Each allowance is longer than its period, so one slow run is not an alert, a missed one is.
    expect(backupJob('hub-incr').maxAgeS).toBe(2 * 3600);
    expect(backupJob('hub-full').maxAgeS).toBeGreaterThan(24 * 3600);
    expect(BACKUP_JOBS.every((j) => j.maxAgeS > 0)).toBe(true);
    expect(() => backupJob('nope' as never)).toThrow(/unknown backup job/);
  });
});

describe('pgBackRest configuration', () => {
  const conf = renderPgBackRestConfig({ stanza: 'hub', pgPath: '/var/lib/postgresql/15/main', pgPort: 5432, repo1Path: '/backup/daily', repo2Path: '/backup/monthly', logPath: '/var/log/pgbackrest' });
  it('keeps 30 daily full backups in repo 1 and 12 monthly ones in repo 2', () => {
    expect(HUB_RETENTION).toEqual({ dailyFull: 30, monthlyFull: 12 });
    expect(conf).toContain('repo1-path=/backup/daily\nrepo1-retention-full=30\nrepo1-retention-full-type=count');
    expect(conf).toContain('repo2-path=/backup/monthly\nrepo2-retention-full=12\nrepo2-retention-full-type=count');
    expect(conf).toContain('[hub]\npg1-path=/var/lib/postgresql/15/main\npg1-port=5432\npg1-socket-path=/var/run/postgresql');
  });
  it('archives WAL through archive-push of the same configuration', () => {
    expect(archiveCommand('/etc/pgbackrest/pgbackrest.conf', 'hub')).toBe('pgbackrest --config=/etc/pgbackrest/pgbackrest.conf --stanza=hub archive-push %p');
  });
  it('reads the backups out of pgbackrest info --output=json', () => {
    const json = JSON.stringify([{ name: 'hub', backup: [
      { label: '20261203-020000F', type: 'full', timestamp: { start: 100, stop: 160 }, database: { 'repo-key': 1 } },
      { label: '20261203-020000F_20261203-030500I', type: 'incr', timestamp: { start: 200, stop: 210 }, database: { 'repo-key': 1 } },
      { label: '20261201-033000F', type: 'full', timestamp: { start: 50, stop: 90 }, database: { 'repo-key': 2 } },
    ] }]);
    expect(parseInfo(json)).toEqual([
      { label: '20261203-020000F', type: 'full', start: 100, stop: 160, repo: 1 },
      { label: '20261203-020000F_20261203-030500I', type: 'incr', start: 200, stop: 210, repo: 1 },
      { label: '20261201-033000F', type: 'full', start: 50, stop: 90, repo: 2 },
    ]);
    expect(parseInfo('[{"name":"hub"}]')).toEqual([]);
  });
});

describe('backupSeries', () => {
  it('reports the newest hub backup per kind and each live region, a region without backups counting from its creation', () => {
    const series = backupSeries({
      hubBackups: [
        { label: 'a', type: 'full', start: 100, stop: 160, repo: 1 },
        { label: 'b', type: 'incr', start: 200, stop: 210, repo: 1 },
      ],
      regions: [
        { id: 'r2', createdAt: new Date(5_000_000), lastBackupAt: null },
        { id: 'r1', createdAt: new Date(1_000), lastBackupAt: new Date(9_000_000) },
      ],
    });
    expect(series.map((s) => [s.labels.target, s.labels.type, s.labels.region_id, s.lastSuccessS])).toEqual([
      ['hub', 'full', '', 160],
      ['hub', 'incr', '', 210],
      ['hub', 'monthly', '', 0],
      ['region', 'logical', 'r1', 9_000],
      ['region', 'logical', 'r2', 5_000],
    ]);
    expect(series[1]!.maxAgeS).toBe(backupJob('hub-incr').maxAgeS);
    expect(backupSeries({ hubBackups: null, regions: [] })).toEqual([]);
  });
});

describe('fingerprintDiff', () => {
  it('names every table whose rows or checksum differ, or that exists on one side only', () => {
    const a = { t1: { rows: 1, sha256: 'x' }, t2: { rows: 2, sha256: 'y' }, t3: { rows: 0, sha256: 'z' } };
    const b = { t1: { rows: 1, sha256: 'x' }, t2: { rows: 2, sha256: 'other' }, t4: { rows: 1, sha256: 'w' } };
    expect(fingerprintDiff(a, b).map((d) => d.table)).toEqual(['t2', 't3', 't4']);
    expect(fingerprintDiff(a, a)).toEqual([]);
  });
});

describe('hub backup jobs', () => {
  const on = { archiveMode: 'on', walLevel: 'replica', archiveCommand: archiveCommand('/etc/pgbackrest/pgbackrest.conf', 'hub') };
  it('accept a hub that archives WAL to pgBackRest for the stanza, and say why not otherwise', () => {
    expect(archivingProblem(on, 'hub')).toBeNull();
    expect(archivingProblem({ ...on, archiveMode: 'always' }, 'hub')).toBeNull();
    expect(archivingProblem({ ...on, archiveMode: 'off', archiveCommand: '(disabled)' }, 'hub')).toMatch(/^archive_mode is off/);
    expect(archivingProblem({ ...on, walLevel: 'minimal' }, 'hub')).toMatch(/wal_level is minimal/);
    expect(archivingProblem({ ...on, archiveCommand: 'cp %p /mnt/wal/%f' }, 'hub')).toMatch(/does not push WAL to pgBackRest/);
    expect(archivingProblem(on, 'hub2')).toMatch(/another stanza than "hub2"/);
    expect(archivingProblem({ ...on, archiveCommand: archiveCommand('/x.conf', 'hub-old') }, 'hub')).toMatch(/another stanza/);
  });

  it('map each job to its repository, type and pg-boss queue', () => {
    expect(hubBackupKind('hub-full')).toEqual({ repo: 1, type: 'full' });
    expect(hubBackupKind('hub-incr')).toEqual({ repo: 1, type: 'incr' });
    expect(hubBackupKind('hub-monthly')).toEqual({ repo: 2, type: 'full' });
    expect(hubBackupQueue('hub-monthly')).toBe('hub-backup-monthly');
  });

  it('merge pgBackRest\'s list with the backups noted by this process, one per repository and label', () => {
    const a = { label: 'A', type: 'full' as const, start: 1, stop: 10, repo: 1 };
    const b = { label: 'B', type: 'incr' as const, start: 20, stop: 30, repo: 1 };
    expect(mergeHubBackups([a], [b, a])).toEqual([a, b]);
    expect(mergeHubBackups([], [b])).toEqual([b]);
    expect(mergeHubBackups([a], [{ ...a, repo: 2 }])).toHaveLength(2);
  });

  it('run pgBackRest as the cluster owner: runuser as root, sudo -n otherwise, nothing when unset', () => {
    expect(runAsPrefix('postgres', 0)).toEqual(['runuser', '-u', 'postgres', '--']);
    expect(runAsPrefix('postgres', 1000)).toEqual(['sudo', '-n', '-u', 'postgres', '--']);
    expect(runAsPrefix(null, 0)).toEqual([]);
  });
});
