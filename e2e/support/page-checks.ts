import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { isLoopbackUrl, WEB_BASE_URL } from './platform-urls.ts';
import { REPO_ROOT } from './launcher-process.ts';

/** Where every page's screenshot lands (one PNG per page and viewport). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'var', 'test-results', 'screenshots');

/** Everything a page did that a healthy offline page must not do: console errors, uncaught errors, failed or remote requests. */
export interface PageProblems {
  requests: string[];
  consoleErrors: string[];
  failedRequests: string[];
  errorResponses: string[];
}

/** Starts recording a page's problems; read them with {@link expectNoPageProblems} once the page settled. */
export function recordPageProblems(page: Page): PageProblems {
  const seen: PageProblems = { requests: [], consoleErrors: [], failedRequests: [], errorResponses: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  // Another site's missing favicon (the PayPal emulator's approval page) is not a problem of this app.
  const foreignFavicon = (url: string) => url.endsWith('/favicon.ico') && new URL(url).origin !== new URL(WEB_BASE_URL).origin;
  page.on('response', (r) => {
    if (r.status() >= 400 && !foreignFavicon(r.url())) seen.errorResponses.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !foreignFavicon(m.location().url)) seen.consoleErrors.push(`${m.text()} [${m.location().url}]`);
  });
  page.on('pageerror', (e) => seen.consoleErrors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A navigation away aborts in-flight requests (a poll, the RSC prefetch); that is not a failure of the page.
    const text = r.failure()?.errorText ?? 'failed';
    if (text !== 'net::ERR_ABORTED') seen.failedRequests.push(`${r.url()} (${text})`);
  });
  return seen;
}

/**
 * Asserts the recorded page stayed offline-clean: no console errors, no 4xx/5xx, no failed or non-loopback requests.
 * `expectedRejections` is how many GraphQL or session requests the test sent invalid on purpose (answered 400,
 * which the browser also logs); exactly that many are allowed, no more. `rejectionStatuses` widens what counts as a
 * deliberate refusal (a test that provokes a 403 or 409 on purpose, e.g. a duplicate, names those statuses).
 */
export function expectNoPageProblems(seen: PageProblems, expectedRejections = 0, rejectionStatuses: readonly number[] = [400]): void {
  const statuses = new RegExp(`\\b(${rejectionStatuses.join('|')})\\b.*(\\/graphql|\\/api\\/session)`);
  const rejected = (line: string) => statuses.test(line);
  expect(seen.errorResponses.filter(rejected), 'deliberately invalid requests').toHaveLength(expectedRejections);
  expect(seen.consoleErrors.filter((l) => !rejected(l)), 'console errors').toEqual([]);
  expect(seen.errorResponses.filter((l) => !rejected(l)), 'error responses').toEqual([]);
  expect(seen.failedRequests, 'failed requests').toEqual([]);
  expect(seen.requests.filter((url) => !isLoopbackUrl(url)), 'remote requests').toEqual([]);
}

/**
 * Runs axe-core over the page (WCAG 2.1 A/AA rules) and fails on any serious or critical violation, listing each
 * rule with the first offending element so the failure says what to fix.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes[0]?.target.join(' ') ?? ''}`),
    `axe serious/critical violations on ${name}`,
  ).toEqual([]);
}

/** Saves a full-page screenshot as var/test-results/screenshots/<name>.png (the proof that every page renders). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The checks every page gets: axe at desktop width and a screenshot, then the same URL opened in a second tab at
 * 375 px (as a phone loads it; the first tab and whatever was typed into it stay untouched): it must fit the width
 * without sideways scrolling of the whole page (wide tables scroll inside their card), and it gets a screenshot too.
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expectAccessible(page, testInfo, name);
  await saveScreenshot(page, name);
  const phone = await page.context().newPage();
  try {
    await phone.setViewportSize({ width: 375, height: 800 });
    await phone.goto(page.url());
    await phone.waitForLoadState('networkidle');
    // Evaluated as a string: the e2e project has no DOM typings.
    const overflow = Number(await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow, `${name} is wider than a 375 px screen`).toBeLessThanOrEqual(1);
    await saveScreenshot(phone, `${name}-375`);
  } finally {
    await phone.close();
  }
}
