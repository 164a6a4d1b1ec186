import { expect, test } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { ownedRegion, SEEDED_PLAYER_IDS, terminateRegions, type SeededPlayer } from '../support/owned-region.ts';
import { withDatabase } from '../support/test-database.ts';
import { apiToken, GATEWAY, gql, signInAs } from '../support/web-session.ts';

/**
 * Entry requests on the governor dashboard: under the approval immigration policy, journeys to bob's region wait for a
 * decision; bob approves one and rejects another in the browser, each leaves the list at once; a request the
 * traveller cancels, and a new one, change the open tab by themselves (the region's travel feed).
 */
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const regionName = `e2e-entry-${run}`;
const made: string[] = [];
const TRAVELLERS: SeededPlayer[] = ['alice', 'carol', 'admin'];

test.afterAll(async ({ request }) => {
  test.setTimeout(120_000);
  await terminateRegions(request, made);
});

type JourneyState = { journey: { state: string; reasonCode: string | null; reason?: string | null } };

test('the owner approves one request and rejects another; a cancelled one leaves the list by itself; the list follows', async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  const regionId = await ownedRegion(page.request, 'bob', regionName);
  made.push(regionId);
  const bob = await apiToken(page.request, 'bob');
  const v = await gql<{ region: { configVersion: number } }>(page.request, bob, 'query($id: ID!) { region(id: $id) { configVersion } }', { id: regionId });
  await gql(page.request, bob, 'mutation($id: ID!, $v: Int!) { updateRegionImmigration(regionId: $id, expectedVersion: $v, input: { policy: APPROVAL }) { version { version } } }', { id: regionId, v: v.region.configVersion });
  const journeys: Record<string, { id: string; token: string; name: string }> = {};
  for (const who of TRAVELLERS) {
    const token = await apiToken(page.request, who);
    // A journey left open by an earlier run on a reused platform would refuse this one (ERR_JOURNEY_IN_PROGRESS).
    const open = await gql<{ myJourney: { id: string; state: string } | null }>(page.request, token, '{ myJourney { id state } }');
    if (open.myJourney && ['REQUESTED', 'IN_TRANSIT'].includes(open.myJourney.state)) {
      await gql(page.request, token, 'mutation($j: ID!) { cancelTravel(journeyId: $j) { state } }', { j: open.myJourney.id });
    }
  }
  // Every traveller sets out from Terran Space's capital, and leaving it through the Nexus needs an active Galactic
  // Citizen subscription (what a purchase sets).
  const ids = TRAVELLERS.map((t) => SEEDED_PLAYER_IDS[t]);
  await withDatabase(
    (sql) => sql`UPDATE players p SET is_galactic_citizen = true, current_region_id = t.id, current_sector_number = t.capital_sector_number
      FROM regions t WHERE t.name = 'terran-space' AND p.id IN ${sql(ids)}`,
  );
  for (const who of TRAVELLERS) {
    const token = await apiToken(page.request, who);
    const d = await gql<{ startTravel: { id: string; state: string; traveller: { name: string } } }>(page.request, token, 'mutation($r: ID!) { startTravel(destinationRegionId: $r) { id state traveller { name } } }', { r: regionId });
    expect(d.startTravel.state, `${who}'s journey waits for a decision`).toBe('REQUESTED');
    journeys[who] = { id: d.startTravel.id, token, name: d.startTravel.traveller.name };
  }
  const nameOf = (who: string) => journeys[who]!.name;
  const stateOf = async (who: string) => (await gql<JourneyState>(page.request, journeys[who]!.token, 'query($id: ID!) { journey(id: $id) { state reasonCode reason } }', { id: journeys[who]!.id })).journey;

  const seen = recordPageProblems(page);
  await signInAs(page, 'bob');
  await page.goto(`/regions/${regionName}/govern#entry`);
  const list = page.getByTestId('entry-requests');
  const row = (who: string) => list.locator(`[data-testid="entry-request-row"][data-journey-id="${journeys[who]!.id}"]`);
  await expect(list.getByTestId('entry-request-row')).toHaveCount(3);
  await expect(list.getByTestId('entry-requests-policy')).toContainText('needs approval');
  await expect(row('alice')).toContainText('Terran Space');
  await checkPage(page, testInfo, 'governor-entry-requests');

  // The admin gives up waiting (through the API): the row leaves bob's open tab by itself (the region's travel feed).
  await gql(page.request, journeys.admin!.token, 'mutation($j: ID!) { cancelTravel(journeyId: $j) { state } }', { j: journeys.admin!.id });
  await expect(row('admin')).toHaveCount(0, { timeout: 8_000 });
  await expect(list.getByTestId('entry-request-row')).toHaveCount(2);
  expect((await stateOf('admin')).state).toBe('CANCELLED');
  // A decision on a journey that no longer waits is refused with its sentence (the API's answer for bob's stale click).
  const stale = await page.request.post(`${GATEWAY}/graphql`, {
    data: { query: 'mutation($j: ID!) { decideEntryRequest(journeyId: $j, approve: true) { state } }', variables: { j: journeys.admin!.id } },
    headers: { authorization: `Bearer ${bob}` },
  });
  expect(JSON.stringify(await stale.json())).toContain('ERR_JOURNEY_NOT_AWAITING_APPROVAL');

  await row('alice').getByRole('button', { name: `Approve ${nameOf('alice')}`, exact: true }).click();
  await expect(list.getByTestId('entry-request-decided')).toHaveText(`${nameOf('alice')} was let in and is on the way.`);
  await expect(list.getByTestId('form-error')).toHaveCount(0);
  await expect(row('alice')).toHaveCount(0);
  expect(['IN_TRANSIT', 'ARRIVED']).toContain((await stateOf('alice')).state);

  // The refusal carries the officer's reason to the traveller's journey.
  await row('carol').getByRole('textbox', { name: `Reason for refusing ${nameOf('carol')} (optional, shown to them)` }).fill('Quarantine: no visitors this week');
  await row('carol').getByRole('button', { name: `Reject ${nameOf('carol')}`, exact: true }).click();
  await expect(list.getByTestId('entry-request-decided')).toHaveText(`${nameOf('carol')}’s entry was refused.`);
  await expect(row('carol')).toHaveCount(0);
  expect(await stateOf('carol')).toEqual({ state: 'REFUSED', reasonCode: 'ERR_IMMIGRATION_DENIED', reason: 'Quarantine: no visitors this week' });
  await expect(list.getByTestId('entry-requests-empty')).toBeVisible();
  await checkPage(page, testInfo, 'governor-entry-requests-empty');

  // carol asks again: her request shows up on bob's open tab by itself (the region's travel feed), and he rejects it.
  const again = await gql<{ startTravel: { id: string; state: string } }>(page.request, journeys.carol!.token, 'mutation($r: ID!) { startTravel(destinationRegionId: $r) { id state } }', { r: regionId });
  expect(again.startTravel.state).toBe('REQUESTED');
  const live = list.locator(`[data-testid="entry-request-row"][data-journey-id="${again.startTravel.id}"]`);
  await expect(live).toBeVisible({ timeout: 8_000 });
  await live.getByRole('button', { name: `Reject ${nameOf('carol')}`, exact: true }).click();
  await expect(live).toHaveCount(0);
  await expect(list.getByTestId('entry-requests-empty')).toBeVisible();
  expectNoPageProblems(seen);

  // Someone who is no officer of the region is told who decides, and sees no list.
  const ctx = await browser.newContext();
  try {
    const c = await ctx.newPage();
    await signInAs(c, 'carol');
    await c.goto(`/regions/${regionName}/govern#entry`);
    await expect(c.getByTestId('entry-requests-officers-only')).toBeVisible();
    await expect(c.getByTestId('entry-requests')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});
