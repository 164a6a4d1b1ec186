/**
 * Web benchmark (`pnpm bench:web`): the production build of the web app in Debian Chromium, navigation start to
 * data rendered, on the embedded platform (reused when E2E_BASE_URL answers, else started with the launcher on a
 * throw-away database, which builds the web app for production when its build is stale).
 *   home_ms / region_browser_ms / governor_dashboard_ms / fleet_ms — median of BENCH_RUNS (default 5) warm loads:
 *     performance.now() in the page when the page's data marker first appears (a MutationObserver installed before
 *     any script runs), so the figure is the user's wait, not the test runner's polling;
 *   vote_to_other_browser_p95_ms — alice and bob (Terran Space residents) each on /governance in their own browser
 *     context; alice clicks "Vote for" on one of BENCH_VOTES (default 10) fresh petitions and the time until bob's
 *     page shows the new tally (no reload: the subscription) is measured per vote; p95 of those;
 *   governor_js_kb_gzip — gzip size of every script the governor dashboard loads.
 * Prints ONE JSON line.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { GATEWAY_HEALTH_URL, STARTUP_TIMEOUT_MS, WEB_BASE_URL } from '../e2e/support/platform-urls.ts';
import { spawnLauncher, stopLauncher } from '../e2e/support/launcher-process.ts';
import { probeUrl, waitForUrl } from '../e2e/support/wait-for-url.ts';
import { openPetitions } from '../e2e/support/governance-setup.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VOTES = Number(process.env.BENCH_VOTES ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Records, per marker, when it first appeared in the DOM (ms since navigation start). Runs before page scripts. */
const MARKER_SCRIPT = `
  window.__swMarks = {};
  new MutationObserver(() => {
    for (const id of ['galaxy-region-list', 'region-browser', 'governor-dashboard', 'capacity']) {
      if (!(id in window.__swMarks) && document.querySelector('[data-testid="' + id + '"]')) window.__swMarks[id] = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor(s.length / 2)] ?? 0) : null;
};

async function signedInContext(browser: Browser, username: string | null): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: WEB_BASE_URL });
  await ctx.addInitScript(MARKER_SCRIPT);
  if (username) {
    const res = await ctx.request.post('/api/session', { data: { username } });
    if (res.status() !== 200) throw new Error(`sign-in as ${username} failed: ${res.status()} ${await res.text()}`);
  }
  return ctx;
}

/** Median time to the marker over RUNS loads (after one warm-up load, which compiles nothing but fills caches). */
async function pageMs(ctx: BrowserContext, path: string, marker: string): Promise<number | null> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await ctx.newPage();
    await page.goto(path);
    await page.waitForSelector(`[data-testid="${marker}"]`);
    const t = (await page.evaluate(`window.__swMarks[${JSON.stringify(marker)}]`)) as number | undefined;
    await page.close();
    if (i > 0 && typeof t === 'number') times.push(t);
  }
  return median(times);
}

/** Gzip size (KB) of every JavaScript response while the page loads. */
async function jsKbGzip(ctx: BrowserContext, path: string, marker: string): Promise<number> {
  const page = await ctx.newPage();
  const bodies: Array<Promise<Buffer | null>> = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.body().catch(() => null));
  });
  await page.goto(path);
  await page.waitForSelector(`[data-testid="${marker}"]`);
  await page.waitForLoadState('networkidle');
  const sizes = (await Promise.all(bodies)).map((b) => (b ? gzipSync(b).length : 0));
  await page.close();
  return Math.round((sizes.reduce((a, b) => a + b, 0) / 1024) * 10) / 10;
}

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? 0) : null;
};

/** Vote in one browser, wait for the other browser's tally to move; one figure per vote. */
async function voteToOtherBrowser(browser: Browser): Promise<number | null> {
  const alice = await signedInContext(browser, 'alice');
  const bob = await signedInContext(browser, 'bob');
  try {
    const { policyIds } = await openPetitions(alice.request, VOTES, `bench vote ${Date.now().toString(36)}`);
    const [a, b] = [await alice.newPage(), await bob.newPage()];
    await Promise.all([a.goto('/governance'), b.goto('/governance')]);
    // Steady state: both pages loaded and their subscriptions opened before the first vote is timed.
    await Promise.all([a.waitForLoadState('networkidle'), b.waitForLoadState('networkidle')]);
    const times: number[] = [];
    for (const id of policyIds) {
      const card = `[data-testid="policy-card"][data-policy-id="${id}"]`;
      await Promise.all([a.waitForSelector(`${card} button`), b.waitForSelector(card)]);
      const t0 = Date.now();
      await a.click(`${card} button:has-text("Vote for")`);
      // A string expression: the bench project has no DOM typings. Checked on every animation frame.
      await b.waitForFunction(`document.querySelector(${JSON.stringify(`${card} [data-testid="votes-for"]`)})?.textContent === '1'`, undefined, { polling: 'raf', timeout: 15_000 });
      times.push(Date.now() - t0);
    }
    return p95(times);
  } finally {
    await alice.close();
    await bob.close();
  }
}

async function main() {
  let launcherPid: number | undefined;
  if (!(await probeUrl(WEB_BASE_URL, (s) => s > 0))) {
    const launcher = spawnLauncher();
    launcherPid = launcher.pid;
    await waitForUrl(GATEWAY_HEALTH_URL, { deadline: Date.now() + STARTUP_TIMEOUT_MS });
    await waitForUrl(WEB_BASE_URL, { deadline: Date.now() + STARTUP_TIMEOUT_MS, ok: (s) => s > 0 });
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  try {
    const anon = await signedInContext(browser, null);
    const admin = await signedInContext(browser, 'admin');
    const result = {
      home_ms: await pageMs(anon, '/', 'galaxy-region-list'),
      region_browser_ms: await pageMs(anon, '/regions', 'region-browser'),
      governor_dashboard_ms: await pageMs(admin, '/regions/terran-space/govern', 'governor-dashboard'),
      fleet_ms: await pageMs(admin, '/admin/fleet', 'capacity'),
      vote_to_other_browser_p95_ms: await voteToOtherBrowser(browser),
      governor_js_kb_gzip: await jsKbGzip(admin, '/regions/terran-space/govern', 'governor-dashboard'),
    };
    stdoutWrite(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    if (launcherPid) await stopLauncher(launcherPid);
  }
}

// The launcher's progress lines (echoed by the e2e helper) go to stderr, so stdout carries only the one JSON line.
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
await main();
