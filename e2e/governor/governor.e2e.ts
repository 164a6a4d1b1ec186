import { expect, test, type Page } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { ownedRegion, terminateRegions } from '../support/owned-region.ts';
import { apiToken, GATEWAY, gql, signInAs } from '../support/web-session.ts';

/**
 * The governor dashboard's write paths, tab by tab, in the browser: every refusal shows the server's stable code as a
 * sentence at the field it concerns and changes nothing; every accepted change shows up without a reload.
 */
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);

async function terranId(page: Page): Promise<string> {
  return (await gql<{ regionByName: { id: string } }>(page.request, null, '{ regionByName(name: "terran-space") { id } }')).regionByName.id;
}

async function policyCount(page: Page, regionId: string): Promise<number> {
  return (await gql<{ region: { policies: unknown[] } }>(page.request, null, 'query($id: ID!) { region(id: $id) { policies { id } } }', { id: regionId })).region.policies.length;
}

test('policies: the form is built from the server’s change table, refusals land at their fields, the new policy shows its live tally', async ({ page }, testInfo) => {
  const seen = recordPageProblems(page);
  const regionId = await terranId(page);
  // alice and bob become residents of Terran Space (voting members; harmless when they already are).
  for (const who of ['alice', 'bob']) {
    const t = await apiToken(page.request, who);
    await gql(page.request, t, 'mutation($r: ID!) { declareResidence(regionId: $r) { membershipType } }', { r: regionId }).catch(() => null);
  }
  const schema = await gql<{ policyChangeSchema: { changes: { key: string; min: number | null; max: number | null }[] } }>(page.request, null, '{ policyChangeSchema { changes { key min max } } }');
  const tax = schema.policyChangeSchema.changes.find((c) => c.key === 'tax_rate')!;

  await signInAs(page, 'alice');
  await page.goto('/regions/terran-space/govern#policies');
  const form = page.getByTestId('propose-policy-form');
  await expect(form).toBeVisible();
  // Every key the server offers can be added (the select lists exactly the server's keys).
  await expect(form.getByLabel('Change to add').locator('option')).toHaveCount(schema.policyChangeSchema.changes.length);

  const before = await policyCount(page, regionId);
  // Round 1: a title that is too short is refused at the title field.
  await form.getByLabel('Title').fill('x');
  await form.getByLabel('Change to add').selectOption('tax_rate');
  await form.getByRole('button', { name: 'Add change' }).click();
  // The added change takes the focus (the keyboard flow goes on there).
  await expect(form.getByLabel('Tax rate', { exact: true })).toBeFocused();
  await form.getByLabel('Tax rate', { exact: true }).fill(String(tax.max! + 0.05));
  // The bounds shown at the field are the server's.
  await expect(form.getByTestId('policy-change').filter({ hasText: 'Tax rate' })).toContainText(`${tax.min}–${tax.max}`);
  await form.getByLabel('Change to add').selectOption('trade_bonuses');
  await form.getByRole('button', { name: 'Add change' }).click();
  await form.getByLabel('Ore', { exact: true }).fill('3.5');
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect(page.getByTestId('policy-title-error')).toContainText('3-255');
  // Round 2: the title is fine now; each bad change is refused at its own field.
  await form.getByLabel('Title').fill(`Lower taxes ${run}`);
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect(page.getByTestId('policy-change-tax_rate-error')).toContainText(`from ${tax.min} to ${tax.max}`);
  await expect(page.getByTestId('policy-change-trade_bonuses-ore-error')).toContainText('multiplier');
  await expect(page.getByTestId('policy-title-error')).toHaveCount(0);
  expect(await policyCount(page, regionId), 'a refused proposal writes nothing').toBe(before);

  // Round 3: valid values; the policy appears in the table, open for voting, with its tally.
  await form.getByLabel('Tax rate', { exact: true }).fill('0.12');
  await form.getByLabel('Ore', { exact: true }).fill('2');
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect(page.getByTestId('policy-proposed')).toBeVisible();
  const row = page.getByTestId('policy-row').filter({ hasText: `Lower taxes ${run}` });
  await expect(row).toHaveAttribute('data-policy-status', 'VOTING');
  await expect(row).toHaveAttribute('data-live', 'true');
  await expect(row.getByTestId('policy-votes-for')).toHaveText('0');
  expect(await policyCount(page, regionId)).toBe(before + 1);

  // bob votes through the API: the row's tally moves live, without a reload.
  const policyId = await row.getAttribute('data-policy-id');
  const bob = await apiToken(page.request, 'bob');
  await gql(page.request, bob, 'mutation($id: ID!) { castPolicyVote(policyId: $id, support: true) { policy { votesFor } } }', { id: policyId });
  await expect(row.getByTestId('policy-votes-for')).not.toHaveText('0', { timeout: 15_000 });
  await checkPage(page, testInfo, 'governor-policies');
  // Refused on purpose: the short title and the out-of-range changes (400 each).
  expectNoPageProblems(seen, 2);
});

// --- Owner paths: bob owns one region, carol another (provisioned by the admin, as a purchase would) ---------------

const bobRegion = `e2e-gov-b-${run}`;
const carolRegion = `e2e-gov-c-${run}`;
const made: string[] = [];
let bobRegionId = '';
let carolRegionId = '';
/** A citizen of bob's region (signed up with one of his invite codes). */
const citizen = `cit${run}`;

test.afterAll(async ({ request }) => {
  test.setTimeout(120_000);
  await terminateRegions(request, made);
});

/** Signs up `username` through the gateway with an invite code (the set-up path; the browser path is tested below). */
async function signUpWithInvite(page: Page, username: string, code: string): Promise<void> {
  const res = await page.request.post(`${GATEWAY}/api/v1/auth/register`, {
    data: { username, email: `${username}@example.test`, password: 'a much longer pass phrase 2102', inviteCode: code },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test('elections: the owner starts one (bad window refused at its field), a citizen registers (platform over 500 refused), the owner cancels before voting', async ({ browser, page }, testInfo) => {
  // Includes provisioning bob's region (seconds with the process driver; allow for a Docker engine's first start).
  test.setTimeout(240_000);
  bobRegionId = await ownedRegion(page.request, 'bob', bobRegion);
  made.push(bobRegionId);
  const bobToken = await apiToken(page.request, 'bob');
  const invite = await gql<{ mintInvite: { code: string } }>(page.request, bobToken, 'mutation($r: ID!) { mintInvite(regionId: $r, maxUses: 5) { code } }', { r: bobRegionId });
  await signUpWithInvite(page, citizen, invite.mintInvite.code);

  const seen = recordPageProblems(page);
  await signInAs(page, 'bob');
  await page.goto(`/regions/${bobRegion}/govern#elections`);
  const start = page.getByTestId('start-election-form');
  // Autocracy: the owner may start elections for the elected offices only (the decision table), not for governor.
  await expect(start.getByLabel('Office').locator('option')).toHaveText(['Ambassador', 'Trade commissioner']);
  await start.getByLabel('Registration (days)').fill('31');
  await start.getByRole('button', { name: 'Start election' }).click();
  await expect(page.getByTestId('election-registration-days-error')).toContainText('from 1 to 30');
  await expect(page.getByTestId('election-card')).toHaveCount(0);
  await start.getByLabel('Registration (days)').fill('2');
  await start.getByRole('button', { name: 'Start election' }).click();
  await expect(page.getByTestId('election-started')).toBeVisible();
  const card = page.getByTestId('election-card').first();
  await expect(card).toHaveAttribute('data-election-status', 'PENDING');
  // A second one for the same office is refused with its sentence.
  await start.getByRole('button', { name: 'Start election' }).click();
  await expect(start.getByTestId('form-error')).toHaveAttribute('data-error-code', 'ERR_ELECTION_EXISTS');
  // bob owns the region but is not its citizen: he cannot stand.
  await card.getByRole('button', { name: 'Register as a candidate' }).click();
  await expect(card.getByTestId('form-error')).toHaveAttribute('data-error-code', 'ERR_NOT_A_CITIZEN');
  await expect(card.getByTestId('form-error')).toContainText('Only citizens');

  // The citizen registers from their own browser.
  const ctx = await browser.newContext();
  try {
    const c = await ctx.newPage();
    await signInAs(c, citizen);
    await c.goto(`/regions/${bobRegion}/govern#elections`);
    const theirCard = c.getByTestId('election-card').first();
    await theirCard.getByLabel('Your platform (optional)').fill('x'.repeat(501));
    await theirCard.getByRole('button', { name: 'Register as a candidate' }).click();
    await expect(theirCard.locator('[data-testid$="-error"]').filter({ hasText: '500' })).toBeVisible();
    await expect(theirCard.getByTestId('election-candidate')).toHaveCount(0);
    await theirCard.getByLabel('Your platform (optional)').fill('Open ports, fair tariffs.');
    await theirCard.getByRole('button', { name: 'Register as a candidate' }).click();
    await expect(theirCard.getByTestId('election-candidate')).toContainText(citizen);
    await expect(theirCard.getByTestId('election-candidate')).toContainText('Open ports, fair tariffs.');
  } finally {
    await ctx.close();
  }

  // The owner cancels it while it is still taking candidates; the card says how it ended.
  await page.reload();
  await page.getByTestId('election-card').first().getByRole('button', { name: 'Cancel election' }).click();
  await expect(page.getByTestId('election-card').first()).toHaveAttribute('data-election-status', 'CANCELLED');
  await expect(page.getByTestId('election-card').first().getByTestId('election-outcome')).toContainText('Cancelled by the owner before voting opened');
  await expect(page.getByTestId('election-card').first().getByRole('button', { name: 'Cancel election' })).toHaveCount(0);
  await checkPage(page, testInfo, 'governor-elections');
  // Refused on purpose: the 31-day window (400), the duplicate (409), bob's candidacy (403).
  expectNoPageProblems(seen, 3, [400, 403, 409]);
});

test('members: paged table, the owner edits voting power (0-5) and rank; invites are minted, copied and revoked', async ({ page, context }, testInfo) => {
  test.skip(!bobRegionId, 'needs the region of the elections test');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const seen = recordPageProblems(page);
  await signInAs(page, 'bob');
  await page.goto(`/regions/${bobRegion}/govern#members`);
  const row = page.locator(`[data-testid="member-row"][data-player-name="${citizen}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('members-range')).toContainText('of 1');

  // By keyboard: Enter on Edit opens the row's form with the focus in it; Enter in a field saves.
  await row.getByRole('button', { name: `Edit ${citizen}` }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('standing-form');
  await expect(form.getByLabel('Voting power')).toBeFocused();
  await form.getByLabel('Voting power').fill('9');
  await form.getByLabel('Rank').fill('Envoy');
  await form.getByRole('button', { name: 'Save standing' }).click();
  await expect(page.getByTestId('standing-voting-power-error')).toContainText('from 0 to 5');
  await form.getByLabel('Voting power').fill('3');
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('member-voting-power')).toHaveText('3');
  await expect(row.getByRole('button', { name: `Edit ${citizen}` })).toBeFocused();
  await expect(row.getByTestId('member-rank')).toHaveText('Envoy');

  // Invites: out-of-range uses and lifetime are refused at their fields; nothing is minted.
  const invites = page.getByTestId('invites');
  const activeBefore = await invites.getByTestId('invite-row').count();
  await invites.getByLabel('Max uses').fill('11');
  await invites.getByLabel('Valid for (days)').fill('31');
  await invites.getByRole('button', { name: 'Mint invite' }).click();
  await expect(page.getByTestId('invite-max-uses-error')).toContainText('1 to 10');
  await expect(page.getByTestId('invite-ttl-error')).toContainText('30 days');
  await expect(invites.getByTestId('invite-row')).toHaveCount(activeBefore);
  await invites.getByLabel('Max uses').fill('2');
  await invites.getByLabel('Valid for (days)').fill('3');
  await invites.getByRole('button', { name: 'Mint invite' }).click();
  const code = (await page.getByTestId('invite-minted-code').textContent())!.trim();
  const inviteRow = invites.locator(`[data-testid="invite-row"][data-invite-code="${code}"]`);
  await expect(inviteRow).toContainText('0/2');
  await inviteRow.getByRole('button', { name: `Copy code ${code}` }).click();
  await expect(inviteRow.getByRole('button', { name: `Copied code ${code}` })).toHaveText('Copied');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(code);
  await checkPage(page, testInfo, 'governor-members');
  await inviteRow.getByRole('button', { name: `Revoke code ${code}` }).click();
  await expect(inviteRow).toHaveCount(0);
  // The revoked code no longer signs anyone up into the region.
  const res = await page.request.post(`${GATEWAY}/api/v1/auth/register`, { data: { username: `rv${run}`, email: `rv${run}@example.test`, password: 'a much longer pass phrase 2102', inviteCode: code } });
  expect(JSON.stringify(await res.json())).toContain('ERR_INVITE_REVOKED');
  // Refused on purpose: voting power 9 and the invite with 11 uses / 31 days (400 each).
  expectNoPageProblems(seen, 2);
});

test('diplomacy: propose (past expiry refused at its field, a second live treaty refused), accept, terminate, reject', async ({ browser, page }, testInfo) => {
  test.skip(!bobRegionId, 'needs the region of the elections test');
  test.setTimeout(240_000);
  carolRegionId = await ownedRegion(page.request, 'carol', carolRegion);
  made.push(carolRegionId);
  const seen = recordPageProblems(page);
  await signInAs(page, 'bob');
  await page.goto(`/regions/${bobRegion}/govern#diplomacy`);
  const form = page.getByTestId('propose-treaty-form');
  // Every other active region is offered; carol's is picked by its id.
  await expect(form.getByLabel('With region').locator(`option[value="${carolRegionId}"]`)).toHaveCount(1);
  await expect(form.getByLabel('With region').locator(`option[value="${bobRegionId}"]`)).toHaveCount(0);
  await form.getByLabel('With region').selectOption({ value: carolRegionId });
  // The treaty types offered are the API's enum.
  await expect(form.getByLabel('Treaty type').locator('option')).toHaveCount(5);
  await form.getByLabel('Treaty type').selectOption('OPEN_BORDERS');
  await form.getByLabel('Expires (optional, YYYY-MM-DD)').fill('2000-01-01');
  await form.getByRole('button', { name: 'Propose treaty' }).click();
  await expect(page.getByTestId('treaty-expires-error')).toContainText('future');
  await expect(page.getByTestId('treaty-row')).toHaveCount(0);
  await form.getByLabel('Expires (optional, YYYY-MM-DD)').fill('');
  await form.getByRole('button', { name: 'Propose treaty' }).click();
  await expect(page.getByTestId('treaty-proposed')).toBeVisible();
  const row = page.locator(`[data-testid="treaty-row"][data-partner="${carolRegion}"]`);
  await expect(row).toHaveAttribute('data-treaty-status', 'proposed');
  await expect(row).toContainText('proposed by us');
  await form.getByRole('button', { name: 'Propose treaty' }).click();
  await expect(form.getByTestId('form-error')).toHaveAttribute('data-error-code', 'ERR_TREATY_EXISTS');
  await expect(page.getByTestId('treaty-row')).toHaveCount(1);

  const ctx = await browser.newContext();
  try {
    const c = await ctx.newPage();
    await signInAs(c, 'carol');
    await c.goto(`/regions/${carolRegion}/govern#diplomacy`);
    const theirs = c.locator(`[data-testid="treaty-row"][data-partner="${bobRegion}"]`).first();
    await expect(theirs).toContainText('proposed to us');
    await theirs.getByRole('button', { name: /^Accept treaty/ }).click();
    await expect(theirs).toHaveAttribute('data-treaty-status', 'active');
    await checkPage(c, testInfo, 'governor-diplomacy');
    await theirs.getByRole('button', { name: /^Terminate treaty/ }).click();
    await expect(theirs).toHaveAttribute('data-treaty-status', 'terminated');

    // A new proposal (the pair has no live treaty now) that carol rejects.
    await page.reload();
    await page.getByTestId('propose-treaty-form').getByLabel('With region').selectOption({ value: carolRegionId });
    await page.getByTestId('propose-treaty-form').getByRole('button', { name: 'Propose treaty' }).click();
    await expect(page.getByTestId('treaty-proposed')).toBeVisible();
    await c.reload();
    const next = c.locator(`[data-testid="treaty-row"][data-partner="${bobRegion}"][data-treaty-status="proposed"]`);
    await next.getByRole('button', { name: /^Reject treaty/ }).click();
    await expect(c.locator(`[data-testid="treaty-row"][data-partner="${bobRegion}"][data-treaty-status="rejected"]`)).toHaveCount(1);
  } finally {
    await ctx.close();
  }
  // Refused on purpose: the past expiry (400) and the second live treaty (409).
  expectNoPageProblems(seen, 2, [400, 409]);
});

test('economy: trade bonuses 1.0-3.0 per commodity by decree (out of range refused at its field); under democracy the reason a policy is needed', async ({ page }, testInfo) => {
  test.skip(!bobRegionId || !carolRegionId, 'needs the regions of the earlier tests');
  const seen = recordPageProblems(page);
  await signInAs(page, 'bob');
  await page.goto(`/regions/${bobRegion}/govern#economy`);
  const bonuses = page.getByTestId('trade-bonus-settings');
  await expect(page.getByTestId('trade-bonus-settings-route')).toHaveAttribute('data-route', 'direct');
  await bonuses.getByLabel('Ore').fill('3.5');
  await bonuses.getByLabel('Fuel').fill('2');
  await bonuses.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('bonus-ore-error')).toContainText('3');
  const read = async () =>
    (await gql<{ regionByName: { economy: { tradeBonusList: { commodity: string; multiplier: number }[] } } }>(page.request, null, 'query($n: String!) { regionByName(name: $n) { economy { tradeBonusList { commodity multiplier } } } }', { n: bobRegion })).regionByName.economy.tradeBonusList;
  expect(await read(), 'a refused change writes nothing (not even the valid fuel bonus)').toEqual([]);
  await bonuses.getByLabel('Ore').fill('2.5');
  await bonuses.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('trade-bonus-settings-saved')).toBeVisible();
  expect(await read()).toEqual(expect.arrayContaining([{ commodity: 'ORE', multiplier: 2.5 }, { commodity: 'FUEL', multiplier: 2 }]));
  await checkPage(page, testInfo, 'governor-economy');

  // carol turns her region into a democracy: now even its owner changes trade bonuses only through a referendum.
  const carol = await apiToken(page.request, 'carol');
  const v = await gql<{ region: { configVersion: number } }>(page.request, carol, 'query($id: ID!) { region(id: $id) { configVersion } }', { id: carolRegionId });
  await gql(page.request, carol, 'mutation($id: ID!, $v: Int!) { updateRegionGovernance(regionId: $id, expectedVersion: $v, input: { governanceType: DEMOCRACY }) { version { version } } }', { id: carolRegionId, v: v.region.configVersion });
  await signInAs(page, 'carol');
  await page.goto(`/regions/${carolRegion}/govern#economy`);
  await expect(page.getByTestId('trade-bonus-settings-route')).toHaveAttribute('data-route', 'policy');
  await expect(page.getByTestId('trade-bonus-settings-route')).toContainText('referendum');
  await expect(page.getByTestId('trade-bonus-settings').getByLabel('Ore')).toBeDisabled();
  await expect(page.getByTestId('trade-bonus-settings').getByRole('button', { name: 'Save' })).toHaveCount(0);
  // Refused on purpose: the 3.5 multiplier (400).
  expectNoPageProblems(seen, 1);
});

test('sign-up with an invite code (from an invite link) makes the new player a citizen of that region, placed there', async ({ browser, page }, testInfo) => {
  test.skip(!bobRegionId, 'needs the region of the elections test');
  const bobToken = await apiToken(page.request, 'bob');
  const { mintInvite } = await gql<{ mintInvite: { code: string } }>(page.request, bobToken, 'mutation($r: ID!) { mintInvite(regionId: $r, maxUses: 1) { code } }', { r: bobRegionId });
  const username = `inv${run}`;
  const ctx = await browser.newContext();
  try {
    const p = await ctx.newPage();
    const seen = recordPageProblems(p);
    await p.goto(`/sign-up?invite=${encodeURIComponent(mintInvite.code)}`);
    await expect(p.getByLabel('Invite code (optional)')).toHaveValue(mintInvite.code);
    await p.getByLabel('Username').fill(username);
    await p.getByLabel('E-mail').fill(`${username}@example.test`);
    await p.getByLabel('Password').fill('a much longer pass phrase 2102');
    await p.getByRole('button', { name: 'Create account' }).click();
    // The invite applied (no "created, but the invite did not apply" notice) and the app moved on to the home page.
    await p.waitForURL((u) => u.pathname === '/');
    await expect(p.getByTestId('signed-in-as')).toHaveText(username);
    await expect(p.getByTestId('sign-up-notice')).toHaveCount(0);
    await p.waitForLoadState('networkidle');
    await checkPage(p, testInfo, 'signed-up-with-invite');
    expectNoPageProblems(seen);
  } finally {
    await ctx.close();
  }
  const token = await apiToken(page.request, username);
  const me = await gql<{ me: { player: { homeRegion: { id: string } | null; currentRegion: { id: string } | null; memberships: { membershipType: string; region: { id: string } }[] } } }>(
    page.request,
    token,
    '{ me { player { homeRegion { id } currentRegion { id } memberships { membershipType region { id } } } } }',
  );
  expect(me.me.player.currentRegion?.id).toBe(bobRegionId);
  expect(me.me.player.memberships.map((m) => `${m.region.id} ${m.membershipType.toLowerCase()}`)).toContain(`${bobRegionId} citizen`);
  // The one-use code is spent: bob's active list no longer has it, and it signs nobody else up.
  await signInAs(page, 'bob');
  await page.goto(`/regions/${bobRegion}/govern#members`);
  await expect(page.locator(`[data-testid="member-row"][data-player-name="${username}"]`)).toContainText('Citizen');
  await expect(page.locator(`[data-testid="invite-row"][data-invite-code="${mintInvite.code}"]`)).toHaveCount(0);
});
