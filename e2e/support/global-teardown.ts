import { LAUNCHER_PID_ENV } from './global-setup.ts';
import { stopLauncher } from './launcher-process.ts';

/** Runs once after the suite: stops the platform only if global setup started it (a platform that was already running is left alone). */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env[LAUNCHER_PID_ENV]);
  if (!pid) return;
  process.stdout.write('[e2e] stopping the platform started for this run\n');
  await stopLauncher(pid);
}
