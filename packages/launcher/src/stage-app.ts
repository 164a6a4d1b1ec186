/**
 * Stages a self-contained, production-only copy of one workspace package (default @sw/orchestrator) as a Docker
 * build context, from what `pnpm install` already put in node_modules: no registry, no pnpm store, no metadata
 * cache, no network. A machine that only ran `pnpm install --frozen-lockfile` (fresh clone, empty HOME, offline)
 * stages exactly the versions the tests ran against.
 *
 *   OUT/                      the package's own files (package.json, src, ...)
 *   OUT/sw/<name>/            each workspace package it depends on (production dependencies only, transitively)
 *   OUT/node_modules/.pnpm/   the pnpm virtual-store entries those need (copied with their relative symlinks)
 *   OUT/node_modules/<dep>, OUT/sw/<name>/node_modules/<dep>   relative symlinks into the above
 *
 * Workspace packages stay OUT of node_modules because Node's type stripping refuses .ts files under node_modules
 * (Node resolves the symlinks to their real path). pnpm's hoisted fallback (.pnpm/node_modules) is kept for the
 * staged entries, so a dependency that relies on it resolves as it does in the workspace.
 *
 * Usage: node packages/launcher/src/stage-app.ts OUT_DIR [PACKAGE]   (packages/launcher/docker/stage-app.sh wraps it)
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface StageResult {
  out: string;
  /** Workspace packages staged (the root one first). */
  workspacePackages: string[];
  /** Virtual-store entries copied (node_modules/.pnpm/<entry>). */
  storeEntries: number;
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Workspace package directories from pnpm-workspace.yaml (`dir` and `dir/*` patterns). */
export function workspacePackageDirs(repo: string): Map<string, string> {
  const text = readFileSync(path.join(repo, 'pnpm-workspace.yaml'), 'utf8');
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^packages:\s*$/.test(line)) inPackages = true;
    else if (/^\S/.test(line)) inPackages = false;
    else if (inPackages) {
      const m = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*$/.exec(line);
      if (m) patterns.push(m[1]!);
    }
  }
  const dirs = patterns.flatMap((p) => {
    if (!p.endsWith('/*')) return [path.join(repo, p)];
    const base = path.join(repo, p.slice(0, -2));
    return existsSync(base) ? readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(base, d.name)) : [];
  });
  const byName = new Map<string, string>();
  for (const dir of dirs) {
    const pj = path.join(dir, 'package.json');
    const name = existsSync(pj) ? readJson(pj).name : undefined;
    if (name) byName.set(name, dir);
  }
  return byName;
}

/** Names of the packages a workspace package needs at run time (never devDependencies). */
function runtimeDependencies(pj: PackageJson): Array<{ name: string; required: boolean }> {
  return [
    ...Object.keys(pj.dependencies ?? {}).map((name) => ({ name, required: true })),
    ...Object.keys(pj.optionalDependencies ?? {}).map((name) => ({ name, required: false })),
    ...Object.keys(pj.peerDependencies ?? {}).map((name) => ({ name, required: false })),
  ];
}

/** Every `node_modules/<name>` and `node_modules/@scope/<name>` below `dir` (names as they are spelled). */
function moduleNames(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules).flatMap((n) => {
    if (n.startsWith('.')) return [];
    if (!n.startsWith('@')) return [n];
    return readdirSync(path.join(nodeModules, n)).map((s) => `${n}/${s}`);
  });
}

const isInside = (parent: string, child: string) => {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

function link(target: string, linkPath: string): void {
  mkdirSync(path.dirname(linkPath), { recursive: true });
  symlinkSync(path.relative(path.dirname(linkPath), target), linkPath, 'dir');
}

export function stageApp(out: string, pkgName = '@sw/orchestrator', repoDir = REPO_ROOT): StageResult {
  // Real paths throughout: the symlinks are compared against the store and workspace by location.
  const repo = realpathSync(repoDir);
  const store = path.join(repo, 'node_modules', '.pnpm');
  const workspace = workspacePackageDirs(repo);
  const rootDir = workspace.get(pkgName);
  if (!rootDir) throw new Error(`${pkgName} is not a package of the workspace at ${repo}`);

  // 1. What is needed: workspace packages through their runtime dependencies, store entries through the symlinks
  //    pnpm put in each entry's node_modules (its dependencies, optional dependencies and peers).
  const wsDirs = new Map<string, string>(); // real dir -> name
  const wsLinks = new Map<string, Array<{ name: string; real: string }>>(); // real dir -> its runtime links
  const entries = new Set<string>();
  const visitEntry = (entry: string) => {
    if (entries.has(entry)) return;
    entries.add(entry);
    const nm = path.join(store, entry, 'node_modules');
    for (const name of moduleNames(nm)) {
      const p = path.join(nm, name);
      if (!lstatSync(p).isSymbolicLink()) continue; // the package itself
      const real = realOrNull(p);
      if (real === null) continue; // a dangling link (an optional dependency that was not installed) is copied as is
      if (!isInside(store, real)) throw new Error(`${p} points outside the virtual store (${real})`);
      visitEntry(path.relative(store, real).split(path.sep)[0]!);
    }
  };
  const visitWorkspace = (dir: string) => {
    if (wsDirs.has(dir)) return;
    const pj = readJson(path.join(dir, 'package.json'));
    wsDirs.set(dir, pj.name ?? path.basename(dir));
    const links: Array<{ name: string; real: string }> = [];
    wsLinks.set(dir, links);
    for (const dep of runtimeDependencies(pj)) {
      const p = path.join(dir, 'node_modules', dep.name);
      if (!existsSync(p)) {
        if (dep.required) throw new Error(`${pj.name}: dependency ${dep.name} is not installed (run pnpm install)`);
        continue;
      }
      const real = realpathSync(p);
      links.push({ name: dep.name, real });
      if (isInside(store, real)) visitEntry(path.relative(store, real).split(path.sep)[0]!);
      else if (isInside(repo, real) && existsSync(path.join(real, 'package.json'))) visitWorkspace(real);
      else throw new Error(`${pj.name}: ${dep.name} resolves to ${real}, neither the virtual store nor the workspace`);
    }
  };
  visitWorkspace(rootDir);

  // 2. Where each staged thing lives.
  const stagedWs = new Map<string, string>();
  for (const [dir, name] of wsDirs) stagedWs.set(dir, dir === rootDir ? out : path.join(out, 'sw', name.replace(/^@sw\//, '').replace('/', '+')));
  const stagedNm = path.join(out, 'node_modules');
  const stagedStore = path.join(stagedNm, '.pnpm');
  const stagedPathOf = (real: string) => (isInside(store, real) ? path.join(stagedStore, path.relative(store, real)) : stagedWs.get(real)!);

  // 3. Copy and link.
  rmSync(out, { recursive: true, force: true });
  for (const [dir, dest] of stagedWs) {
    cpSync(dir, dest, { recursive: true, filter: (src) => !path.relative(dir, src).split(path.sep).includes('node_modules') });
  }
  for (const entry of entries) cpSync(path.join(store, entry), path.join(stagedStore, entry), { recursive: true, verbatimSymlinks: true });
  for (const [dir, links] of wsLinks) {
    const nm = dir === rootDir ? stagedNm : path.join(stagedWs.get(dir)!, 'node_modules');
    for (const l of links) link(stagedPathOf(l.real), path.join(nm, l.name));
  }
  // pnpm's hoisted fallback, restricted to the staged entries (its links are relative inside .pnpm).
  const hoisted = path.join(store, 'node_modules');
  for (const name of moduleNames(hoisted)) {
    const p = path.join(hoisted, name);
    if (!lstatSync(p).isSymbolicLink()) continue;
    const real = realOrNull(p);
    if (real === null || !isInside(store, real) || !entries.has(path.relative(store, real).split(path.sep)[0]!)) continue;
    const dest = path.join(stagedStore, 'node_modules', name);
    mkdirSync(path.dirname(dest), { recursive: true });
    symlinkSync(readlinkSync(p), dest, 'dir');
  }
  return { out, workspacePackages: [...wsDirs.values()], storeEntries: entries.size };
}

if (import.meta.main) {
  const [out, pkg] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: stage-app.ts OUT_DIR [PACKAGE]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const res = stageApp(path.resolve(out), pkg ?? '@sw/orchestrator');
  process.stdout.write(
    `staged ${res.workspacePackages[0]} in ${res.out}: ${res.workspacePackages.length} workspace packages, ${res.storeEntries} store entries (${Math.round(performance.now() - t0)} ms)\n`,
  );
}
