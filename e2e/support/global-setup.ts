import type { FullConfig } from '@playwright/test';
import { GATEWAY_HEALTH_URL, STARTUP_TIMEOUT_MS, WEB_BASE_URL } from './platform-urls.ts';
import { launcherLogTail, launcherReportedHealthy, spawnLauncher, stopLauncher } from './launcher-process.ts';
import { probeUrl, waitForUrl } from './wait-for-url.ts';

/** Set when this run started the platform; global-teardown.ts stops exactly that process group. */
export const LAUNCHER_PID_ENV = 'SW_E2E_LAUNCHER_PID';

/**
 * Runs once before the suite. When the web app already answers at E2E_BASE_URL the suite uses the running platform
 * as is; otherwise it starts the whole platform with the launcher. Either way it waits (up to E2E_STARTUP_TIMEOUT_MS,
 * default 180 s) until both the web app and the gateway health endpoint answer.
 */
export default async function globalSetup(_config: FullConfig): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  // Any HTTP answer means a server is there; a 500 home page is a test failure, not a reason to start another platform.
  const anyStatus = (s: number) => s > 0;
  if (await probeUrl(WEB_BASE_URL, anyStatus)) {
    process.stdout.write(`[e2e] using the platform already serving ${WEB_BASE_URL}\n`);
    await waitForUrl(GATEWAY_HEALTH_URL, { deadline });
    return;
  }

  process.stdout.write(`[e2e] ${WEB_BASE_URL} is not serving; starting the platform (node packages/launcher/src/start.ts)\n`);
  const launcher = spawnLauncher();
  if (launcher.pid === undefined) throw new Error('could not spawn the platform launcher');
  process.env[LAUNCHER_PID_ENV] = String(launcher.pid);
  let exited: string | null = null;
  launcher.on('exit', (code, signal) => {
    exited = `the launcher exited (code ${code}, signal ${signal})`;
  });
  try {
    await waitForUrl(GATEWAY_HEALTH_URL, { deadline, abortReason: () => exited });
    await waitForUrl(WEB_BASE_URL, { deadline, abortReason: () => exited, ok: anyStatus });
    while (!launcherReportedHealthy()) {
      if (exited) throw new Error(`gave up waiting for the platform: ${exited}`);
      if (Date.now() > deadline) throw new Error('the launcher did not report every service healthy before the startup timeout');
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stopLauncher(launcher.pid);
    delete process.env[LAUNCHER_PID_ENV];
    throw new Error(`${(err as Error).message}\n--- var/log/e2e-launcher.log (tail) ---\n${launcherLogTail()}`);
  }
  process.stdout.write(`[e2e] platform ready\n`);
}
