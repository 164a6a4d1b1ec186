import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { regionScrapeGroups, renderFileSd, targetOfEndpoint, writeFileAtomic, type RegionTargetRow } from './scrape-targets.ts';

const row = (id: string, runtimeState: RegionTargetRow['runtimeState'], endpoint: string | null, name = `r-${id}`): RegionTargetRow => ({ id, name, runtimeState, endpoint });

describe('regionScrapeGroups', () => {
  it('lists every region-server meant to be up, one group each, labelled by id and name, sorted by id', () => {
    const groups = regionScrapeGroups([
      row('b', 'ready', 'http://127.0.0.1:41002'),
      row('a', 'unhealthy', 'http://10.0.0.5:4002'),
      row('c', 'attachment_pending', 'http://region-c:4002/'),
      row('d', 'draining', 'https://r-d.example'),
      row('e', 'provisioning', 'http://127.0.0.1:41005'),
    ]);
    expect(groups).toEqual([
      { targets: ['10.0.0.5:4002'], labels: { region_id: 'a', region_name: 'r-a' } },
      { targets: ['127.0.0.1:41002'], labels: { region_id: 'b', region_name: 'r-b' } },
      { targets: ['region-c:4002'], labels: { region_id: 'c', region_name: 'r-c' } },
      { targets: ['r-d.example:443'], labels: { region_id: 'd', region_name: 'r-d' } },
      { targets: ['127.0.0.1:41005'], labels: { region_id: 'e', region_name: 'r-e' } },
    ]);
  });

  it('leaves out regions without a stack (requested, archived, terminated, error) and unusable endpoints', () => {
    expect(
      regionScrapeGroups([
        row('a', 'requested', null),
        row('b', 'archived', 'http://127.0.0.1:1'),
        row('c', 'terminated', 'http://127.0.0.1:2'),
        row('d', 'ready', null),
        row('e', 'ready', 'not a url'),
        row('f', 'ready', 'ftp://x:21'),
        row('g', 'error', 'http://127.0.0.1:3'),
      ]),
    ).toEqual([]);
  });

  it('renders the same bytes for the same fleet in any row order', () => {
    const rows = [row('x', 'ready', 'http://h:1'), row('y', 'ready', 'http://h:2')];
    expect(renderFileSd(regionScrapeGroups(rows))).toBe(renderFileSd(regionScrapeGroups([...rows].reverse())));
    expect(renderFileSd([])).toBe('[]\n');
  });

  it('maps endpoints to host:port', () => {
    expect(targetOfEndpoint('http://127.0.0.1:4002')).toBe('127.0.0.1:4002');
    expect(targetOfEndpoint('http://[::1]:4002')).toBe('[::1]:4002');
    expect(targetOfEndpoint('http://host')).toBe('host:80');
  });
});

describe('writeFileAtomic', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('replaces the file whole, leaves no temporary file and applies the mode', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-sd-'));
    dirs.push(dir);
    const file = path.join(dir, 'sub', 'region-servers.json');
    writeFileAtomic(file, 'one\n');
    writeFileAtomic(file, 'two\n', 0o600);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(readdirSync(path.dirname(file))).toEqual(['region-servers.json']);
    const token = path.join(dir, 'token');
    writeFileAtomic(token, 'secret', 0o600);
    expect(statSync(token).mode & 0o777).toBe(0o600);
  });
});
