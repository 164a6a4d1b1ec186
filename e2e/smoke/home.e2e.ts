import { expect, test, type Page } from '@playwright/test';
import { isLoopbackUrl } from '../support/platform-urls.ts';

/** Everything a page did that a healthy offline page must not do: console errors, uncaught errors, failed or remote requests. */
function recordPageProblems(page: Page) {
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const errorResponses: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) errorResponses.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} [${m.location().url}]`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`));
  return { requests, consoleErrors, failedRequests, errorResponses };
}

test.describe('home page', () => {
  test('shows the Nexus status card and the region list, talking only to loopback hosts', async ({ page }) => {
    const seen = recordPageProblems(page);

    const response = await page.goto('/');
    expect(response?.status()).toBe(200);

    // Listed by text so a failure says which section failed and why (e.g. ERR_GATEWAY_UNREACHABLE).
    expect(await page.getByTestId('error-banner').allTextContents()).toEqual([]);

    const nexus = page.getByTestId('nexus-status');
    await expect(nexus).toBeVisible();
    const nexusStatus = await nexus.getAttribute('data-nexus-status');
    expect(['NOT_GENERATED', 'GENERATING', 'ACTIVE', 'FAILED']).toContain(nexusStatus);

    const list = page.getByTestId('region-list');
    await expect(list).toBeVisible();
    const rows = list.getByTestId('region-row');
    const rowCount = await rows.count();
    expect(rowCount).toBeGreaterThan(0);
    for (let i = 0; i < rowCount; i++) {
      const row = rows.nth(i);
      await expect(row.getByTestId('region-name')).toHaveText(/\S/);
      await expect(row.getByTestId('region-display-name')).toHaveText(/\S/);
    }

    // The seeded platform: a generated Nexus has its sectors counted and appears in the registry as CENTRAL_NEXUS.
    if (nexusStatus === 'ACTIVE') {
      const sectors = Number((await page.getByTestId('nexus-sectors').textContent())?.replace(/,/g, ''));
      expect(sectors).toBeGreaterThan(0);
      await expect(list.locator('[data-testid="region-row"][data-region-type="CENTRAL_NEXUS"]')).toHaveCount(1);
    }

    await page.waitForLoadState('networkidle');
    expect(seen.errorResponses).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    expect(seen.failedRequests).toEqual([]);
    expect(seen.requests.length).toBeGreaterThan(0);
    expect(seen.requests.filter((url) => !isLoopbackUrl(url))).toEqual([]);
  });

  test('is server-rendered: the HTML already contains the Nexus card and the region rows', async ({ request }) => {
    const res = await request.get('/');
    expect(res.status()).toBe(200);
    const html = await res.text();
    // Compared as booleans so a failure prints which marker is missing, not the whole document.
    const markers = ['nexus-status', 'region-list', 'region-row', 'error-banner'];
    const present = Object.fromEntries(markers.map((m) => [m, html.includes(`data-testid="${m}"`)]));
    expect(present).toEqual({ 'nexus-status': true, 'region-list': true, 'region-row': true, 'error-banner': false });
  });
});
