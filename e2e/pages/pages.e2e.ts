import { expect, test, type Page } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { apiToken, gql, signInAs } from '../support/web-session.ts';

/**
 * Every page of the web app renders its data without errors, passes axe-core (no serious or critical violations),
 * fits a 375 px screen, talks only to loopback hosts, and leaves a screenshot under var/test-results/screenshots.
 * Pages that need a player region are covered by the purchase journey.
 */
interface PageCase {
  name: string;
  path: string | ((ids: { terranId: string }) => string);
  as: 'anonymous' | 'alice' | 'admin';
  /** A test id that appears once the page's data rendered. */
  ready: string;
}

const PAGES: PageCase[] = [
  { name: 'home', path: '/', as: 'anonymous', ready: 'galaxy-region-list' },
  { name: 'sign-in', path: '/sign-in', as: 'anonymous', ready: 'sign-in-form' },
  { name: 'regions', path: '/regions', as: 'anonymous', ready: 'region-browser' },
  { name: 'region-profile', path: '/regions/terran-space', as: 'anonymous', ready: 'profile-stats' },
  { name: 'buy', path: '/buy', as: 'alice', ready: 'buy-form' },
  { name: 'governance', path: '/governance', as: 'alice', ready: 'governance-page' },
  { name: 'travel', path: '/travel?to=terran-space', as: 'alice', ready: 'travel-position' },
  { name: 'governor-dashboard', path: '/regions/terran-space/govern', as: 'admin', ready: 'governor-dashboard' },
  { name: 'governor-elections-tab', path: '/regions/terran-space/govern#elections', as: 'admin', ready: 'elections-tab' },
  { name: 'governor-members-tab', path: '/regions/terran-space/govern#members', as: 'admin', ready: 'members' },
  { name: 'governor-entry-requests-tab', path: '/regions/terran-space/govern#entry', as: 'admin', ready: 'entry-requests' },
  { name: 'admin-region-by-id', path: ({ terranId }) => `/admin/regions/${terranId}`, as: 'admin', ready: 'governor-dashboard' },
  { name: 'nexus-manager', path: '/admin/nexus', as: 'admin', ready: 'clusters-table' },
  { name: 'nexus-cluster', path: '/admin/nexus/clusters/10', as: 'admin', ready: 'cluster-detail' },
  { name: 'fleet', path: '/admin/fleet', as: 'admin', ready: 'capacity' },
];

let terranId = '';
test.beforeAll(async ({ request }) => {
  const d = await gql<{ regionByName: { id: string } }>(request, await apiToken(request, 'admin'), '{ regionByName(name: "terran-space") { id } }');
  terranId = d.regionByName.id;
});

async function open(page: Page, c: PageCase) {
  if (c.as !== 'anonymous') await signInAs(page, c.as);
  const path = typeof c.path === 'string' ? c.path : c.path({ terranId });
  const res = await page.goto(path);
  expect(res?.status(), `${path} status`).toBe(200);
  await expect(page.getByTestId(c.ready)).toBeVisible();
  expect(await page.getByTestId('error-banner').allTextContents(), `${path} error banners`).toEqual([]);
}

test.describe('every page', () => {
  for (const c of PAGES) {
    test(`${c.name} renders, is accessible and fits 375 px`, async ({ page }, testInfo) => {
      const seen = recordPageProblems(page);
      await open(page, c);
      await page.waitForLoadState('networkidle');
      await checkPage(page, testInfo, c.name);
      expectNoPageProblems(seen);
    });
  }

  test('the galaxy map draws the 20 clusters and the platform regions as spokes', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('galaxy-map')).toHaveAttribute('data-map-ready', 'true');
    await expect(page.getByTestId('galaxy-counts')).toContainText('20 clusters');
    await expect(page.locator('[data-testid="galaxy-region"][data-region-name="terran-space"]')).toHaveAttribute('data-region-live', 'true');
  });

  test('admin pages explain themselves to a player instead of failing', async ({ page }) => {
    await signInAs(page, 'alice');
    await page.goto('/admin/fleet');
    await expect(page.getByTestId('admin-only')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Fleet' })).toHaveCount(0);
  });

  test('the header navigation works from the keyboard', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveText(/Galaxy|Menu/);
  });
});
