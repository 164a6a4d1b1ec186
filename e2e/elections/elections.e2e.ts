import { expect, test } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { ownedRegion, terminateRegions } from '../support/owned-region.ts';
import { signUpCitizens } from '../support/region-citizens.ts';
import { runGovernanceSweep, withDatabase } from '../support/test-database.ts';
import { apiToken, gql, signInAs } from '../support/web-session.ts';

/**
 * The governor dashboard's Elections tab is live: two citizens in two browsers, one votes (on the governance page),
 * the other's Elections tab shows the new tally without a reload; then the real governance sweep closes the elections
 * and the same tab shows, still without a reload, the COMPLETED one with its winner and the voided one with its reason.
 *
 * Election windows are days long (1-30), so the set-up moves an election's timestamps into the past in the run's
 * database and then runs the governance sweep function itself (the code the governance service's 5-minute job runs);
 * the accounts are aged 90 days the same way (the franchise needs 60, docs/rules/governance.md "Who may vote").
 */
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const regionName = `e2e-el-${run}`;
const voter = `ev${run}`;
const watcher = `ew${run}`;
const made: string[] = [];
let regionId = '';

test.afterAll(async ({ request }) => {
  test.setTimeout(120_000);
  await terminateRegions(request, made);
});

test('a vote in one browser moves the other browser’s Elections tab live; the sweep’s winner and voided outcome arrive live too', async ({ browser, page }, testInfo) => {
  test.setTimeout(240_000);
  regionId = await ownedRegion(page.request, 'bob', regionName);
  made.push(regionId);
  await signUpCitizens(page.request, 'bob', regionId, [voter, watcher]);
  await withDatabase((sql) => sql`UPDATE users SET created_at = now() - interval '90 days' WHERE username IN ${sql([voter, watcher])}`);

  // bob (the autocracy's owner) starts one election per elected office; the watcher stands in both.
  const bob = await apiToken(page.request, 'bob');
  const start = async (position: string) =>
    (await gql<{ startElection: { id: string } }>(page.request, bob, 'mutation($i: StartElectionInput!) { startElection(input: $i) { id } }', { i: { regionId, position, registrationDays: 1, votingDays: 1 } }))
      .startElection.id;
  const ambassador = await start('AMBASSADOR');
  const trade = await start('TRADE_COMMISSIONER');
  const w = await apiToken(page.request, watcher);
  for (const id of [ambassador, trade]) {
    await gql(page.request, w, 'mutation($e: ID!) { registerCandidate(electionId: $e, platform: "Fair tariffs for all") { id } }', { e: id });
  }
  // Registration ends now instead of tomorrow; the sweep opens both for voting.
  await withDatabase((sql) => sql`UPDATE regional_elections SET voting_opens_at = now() - interval '1 minute' WHERE id IN ${sql([ambassador, trade])}`);
  expect(runGovernanceSweep().electionsOpened).toBeGreaterThanOrEqual(2);

  const watcherCtx = await browser.newContext();
  const voterCtx = await browser.newContext();
  try {
    const wp = await watcherCtx.newPage();
    const seen = recordPageProblems(wp);
    await signInAs(wp, watcher);
    await wp.goto(`/regions/${regionName}/govern#elections`);
    const card = wp.locator(`[data-testid="election-card"][data-election-id="${ambassador}"]`);
    const tradeCard = wp.locator(`[data-testid="election-card"][data-election-id="${trade}"]`);
    await expect(card).toHaveAttribute('data-election-status', 'ACTIVE');
    await expect(card).toHaveAttribute('data-live', 'true');
    await expect(card.getByTestId('candidate-weight')).toHaveText('0');
    await expect(wp.getByTestId('elections')).toHaveAttribute('data-live-status', 'live');
    // A reload would drop this marker: everything below must arrive over the live connection.
    await wp.evaluate('window.__swNoReload = "kept"');

    const vp = await voterCtx.newPage();
    await signInAs(vp, voter);
    await vp.goto('/governance');
    const ballot = vp.getByTestId('election-card').filter({ hasText: 'Ambassador' });
    await ballot.getByRole('button', { name: 'Vote', exact: true }).click();
    await expect(ballot).toContainText(`You voted for ${watcher}`);
    // The ballot weighs the voter's voting power in the region (a citizen's default).
    const vt = await apiToken(page.request, voter);
    const me = await gql<{ me: { player: { memberships: { votingPower: number; region: { id: string } }[] } } }>(page.request, vt, '{ me { player { memberships { votingPower region { id } } } } }');
    const power = me.me.player.memberships.find((m) => m.region.id === regionId)!.votingPower;
    expect(power).toBeGreaterThan(0);
    await expect(card.getByTestId('candidate-weight')).toHaveText(String(power), { timeout: 10_000 });
    await expect(tradeCard.getByTestId('candidate-weight')).toHaveText('0');
    await checkPage(wp, testInfo, 'governor-elections-live');

    // Voting ends now; the sweep tallies: a winner for the ambassador, nobody voted for the trade commissioner.
    await withDatabase((sql) => sql`UPDATE regional_elections SET voting_opens_at = now() - interval '2 days', voting_closes_at = now() - interval '1 second' WHERE id IN ${sql([ambassador, trade])}`);
    expect(runGovernanceSweep().electionsTallied).toBeGreaterThanOrEqual(2);
    await expect(card).toHaveAttribute('data-election-status', 'COMPLETED', { timeout: 20_000 });
    await expect(card).toHaveAttribute('data-outcome', 'elected');
    await expect(card.getByTestId('election-outcome')).toHaveText(`${watcher} was elected.`);
    await expect(card.getByTestId('election-candidate').filter({ hasText: watcher }).getByTestId('election-winner')).toBeVisible();
    await expect(card).toHaveAttribute('data-live', 'false');
    await expect(tradeCard).toHaveAttribute('data-outcome', 'voided', { timeout: 20_000 });
    await expect(tradeCard.getByTestId('election-outcome')).toHaveText('Voided: nobody voted, so the incumbent stays.');
    expect(await wp.evaluate('window.__swNoReload')).toBe('kept');
    await checkPage(wp, testInfo, 'governor-elections-closed');
    expectNoPageProblems(seen);
  } finally {
    await voterCtx.close();
    await watcherCtx.close();
  }
});

test('a governor election in which nobody reaches the threshold is shown inconclusive, with the reason in words', async ({ page }, testInfo) => {
  test.skip(!regionId, 'needs the region and citizens of the first test');
  test.setTimeout(120_000);
  // bob turns his region into a democracy that needs 60 % for a governor; both citizens stand and each votes for the other.
  const bob = await apiToken(page.request, 'bob');
  const v = await gql<{ region: { configVersion: number } }>(page.request, bob, 'query($id: ID!) { region(id: $id) { configVersion } }', { id: regionId });
  await gql(page.request, bob, 'mutation($id: ID!, $v: Int!) { updateRegionGovernance(regionId: $id, expectedVersion: $v, input: { governanceType: DEMOCRACY, votingThreshold: 0.6 }) { version { version } } }', {
    id: regionId,
    v: v.region.configVersion,
  });
  const { startElection } = await gql<{ startElection: { id: string } }>(page.request, bob, 'mutation($i: StartElectionInput!) { startElection(input: $i) { id } }', {
    i: { regionId, position: 'GOVERNOR', registrationDays: 1, votingDays: 1 },
  });
  const id = startElection.id;
  const tokens = { [voter]: await apiToken(page.request, voter), [watcher]: await apiToken(page.request, watcher) };
  const playerIds: Record<string, string> = {};
  for (const who of [voter, watcher]) {
    const d = await gql<{ registerCandidate: { candidates: { player: { id: string; name: string } }[] } }>(page.request, tokens[who]!, 'mutation($e: ID!) { registerCandidate(electionId: $e) { candidates { player { id name } } } }', { e: id });
    for (const c of d.registerCandidate.candidates) playerIds[c.player.name] = c.player.id;
  }
  await withDatabase((sql) => sql`UPDATE regional_elections SET voting_opens_at = now() - interval '1 minute' WHERE id = ${id}`);
  runGovernanceSweep();
  for (const [who, other] of [[voter, watcher], [watcher, voter]] as const) {
    await gql(page.request, tokens[who]!, 'mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { ballotId } } }', { e: id, c: playerIds[other] });
  }

  const seen = recordPageProblems(page);
  await signInAs(page, watcher);
  await page.goto(`/regions/${regionName}/govern#elections`);
  const card = page.locator(`[data-testid="election-card"][data-election-id="${id}"]`);
  await expect(card).toHaveAttribute('data-election-status', 'ACTIVE');
  await withDatabase((sql) => sql`UPDATE regional_elections SET voting_opens_at = now() - interval '2 days', voting_closes_at = now() - interval '1 second' WHERE id = ${id}`);
  expect(runGovernanceSweep().electionsTallied).toBeGreaterThanOrEqual(1);
  // Half the weight each: below the 60 % threshold, so nobody is elected (and still no reload).
  await expect(card).toHaveAttribute('data-outcome', 'inconclusive', { timeout: 20_000 });
  await expect(card.getByTestId('election-outcome')).toHaveText('Inconclusive: no candidate reached the threshold, so the incumbent stays.');
  await expect(card.getByTestId('election-winner')).toHaveCount(0);
  await checkPage(page, testInfo, 'governor-elections-inconclusive');
  expectNoPageProblems(seen);
});
