import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ServiceSpec } from './service-table.ts';

/**
 * Starts one service of the table: writes its generated files (a `*.token` file readable by its owner only), then runs
 * `bin` (default this Node) with its args.
 */
export function spawnService(spec: ServiceSpec, env: NodeJS.ProcessEnv, stdio: StdioOptions = ['ignore', 'pipe', 'pipe']): ChildProcess {
  for (const [path, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    if (path.endsWith('.token')) chmodSync(path, 0o600);
  }
  return spawn(spec.bin ?? process.execPath, spec.args, { cwd: spec.cwd, stdio, env: { ...env, ...spec.env } });
}
