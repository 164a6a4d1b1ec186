/**
 * Linux /proc helpers for the process driver: liveness (zombies count as dead), labelled process
 * discovery by argv, and CPU / RSS sampling. Labels are argv flags so `ps` shows the owner too.
 */
import { readFileSync, readdirSync } from 'node:fs';

const CLK_TCK = 100; // Linux USER_HZ; constant on every mainstream kernel
const PAGE_SIZE = 4096;

/** True when `pid` exists and is not a zombie. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** argv of a process, or null when it is gone. */
export function readCmdline(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s) => s.length > 0);
  } catch {
    return null;
  }
}

/** Value of `--name=value` in argv. */
export function argValue(argv: string[], name: string): string | null {
  const prefix = `--${name}=`;
  const hit = argv.find((a) => a.startsWith(prefix));
  return hit ? hit.slice(prefix.length) : null;
}

/** Every live process whose argv carries all `labels` (`--k=v`). */
export function findLabelledProcesses(labels: Record<string, string>): Array<{ pid: number; argv: string[] }> {
  const out: Array<{ pid: number; argv: string[] }> = [];
  const wanted = Object.entries(labels).map(([k, v]) => `--${k}=${v}`);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const argv = readCmdline(pid);
    if (!argv || !wanted.every((w) => argv.includes(w))) continue;
    if (isPidAlive(pid)) out.push({ pid, argv });
  }
  return out;
}

/** Total CPU seconds used by the process so far (user + system), or null when gone. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is state (field 3); utime = field 14, stime = field 15
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Resident set size in bytes, or null when gone. */
export function readRssBytes(pid: number): number | null {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(statm[1]) * PAGE_SIZE;
  } catch {
    return null;
  }
}
