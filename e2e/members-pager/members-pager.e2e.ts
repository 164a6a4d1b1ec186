import { expect, test } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { ownedRegion, terminateRegions } from '../support/owned-region.ts';
import { withDatabase } from '../support/test-database.ts';
import { apiToken, gql, signInAs } from '../support/web-session.ts';

/**
 * The Members tab pages 20 at a time: with 25 members the owner pages forward and back, and edits voting power and
 * rank of a member on page 2 (the table stays on page 2 after the save). Registration is rate limited per address, so
 * the 25 citizens are seeded straight into the run's database (users, players, memberships), newest first.
 */
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const regionName = `e2e-pg-${run}`;
const MEMBERS = 25;
const nameOf = (i: number) => `pg${run}${String(i).padStart(2, '0')}`;
const made: string[] = [];

test.afterAll(async ({ request }) => {
  test.setTimeout(120_000);
  await terminateRegions(request, made);
  await withDatabase((sql) => sql`DELETE FROM users WHERE username LIKE ${`pg${run}%`}`);
});

test('members: 25 citizens over two pages, forward and back; voting power and rank edited on page 2', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const regionId = await ownedRegion(page.request, 'bob', regionName);
  made.push(regionId);
  // Member i joined i hours ago: the list is newest first.
  await withDatabase(async (sql) => {
    for (let i = 0; i < MEMBERS; i++) {
      const name = nameOf(i);
      const [user] = await sql<{ id: string }[]>`INSERT INTO users (username, display_name, email) VALUES (${name}, ${name}, ${`${name}@example.test`}) RETURNING id`;
      const [player] = await sql<{ id: string }[]>`INSERT INTO players (user_id, name, home_region_id, current_region_id) VALUES (${user!.id}, ${name}, ${regionId}, ${regionId}) RETURNING id`;
      await sql`INSERT INTO regional_memberships (player_id, region_id, membership_type, joined_at) VALUES (${player!.id}, ${regionId}, 'citizen', now() - make_interval(hours => ${i + 1}))`;
    }
  });

  // The order the API pages in (newest first; the owner may be a member too): page 1 is [0, 20), page 2 the rest.
  const bob = await apiToken(page.request, 'bob');
  const membersQuery = 'query($id: ID!, $o: Int!) { region(id: $id) { members(first: 20, offset: $o) { total items { votingPower localRank player { name } } } } }';
  type MembersPage = { region: { members: { total: number; items: { votingPower: number; localRank: string | null; player: { name: string } }[] } } };
  const apiPage = async (offset: number) => (await gql<MembersPage>(page.request, bob, membersQuery, { id: regionId, o: offset })).region.members;
  const first = await apiPage(0);
  const second = await apiPage(20);
  const total = first.total;
  expect(total).toBeGreaterThanOrEqual(MEMBERS);
  expect(total).toBeLessThanOrEqual(40);
  const order = [...first.items, ...second.items].map((m) => m.player.name);

  const seen = recordPageProblems(page);
  await signInAs(page, 'bob');
  await page.goto(`/regions/${regionName}/govern#members`);
  const members = page.getByTestId('members');
  const rows = members.getByTestId('member-row');
  const next = members.getByRole('button', { name: 'Next page' });
  const previous = members.getByRole('button', { name: 'Previous page' });
  await expect(page.getByTestId('members-range')).toHaveText(`1–20 of ${total}`);
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toHaveAttribute('data-player-name', order[0]!);
  await expect(previous).toBeDisabled();

  await next.click();
  await expect(page.getByTestId('members-range')).toHaveText(`21–${total} of ${total}`);
  await expect(rows).toHaveCount(total - 20);
  await expect(rows.first()).toHaveAttribute('data-player-name', order[20]!);
  await expect(next).toBeDisabled();
  await previous.click();
  await expect(page.getByTestId('members-range')).toHaveText(`1–20 of ${total}`);
  await expect(rows.nth(19)).toHaveAttribute('data-player-name', order[19]!);
  await next.click();
  await expect(page.getByTestId('members-range')).toHaveText(`21–${total} of ${total}`);

  // Edit a page-2 member: a bad voting power is refused at its field, then the change is saved and shown on page 2.
  const target = order[total - 2]!;
  expect(target.startsWith(`pg${run}`)).toBe(true);
  const row = members.locator(`[data-testid="member-row"][data-player-name="${target}"]`);
  await row.getByRole('button', { name: `Edit ${target}` }).click();
  const form = page.getByTestId('standing-form');
  await form.getByLabel('Voting power').fill('7');
  await form.getByRole('button', { name: 'Save standing' }).click();
  await expect(page.getByTestId('standing-voting-power-error')).toContainText('from 0 to 5');
  await form.getByLabel('Voting power').fill('2.5');
  await form.getByLabel('Rank').fill('Quartermaster');
  await form.getByRole('button', { name: 'Save standing' }).click();
  await expect(row.getByTestId('member-voting-power')).toHaveText('2.5');
  await expect(row.getByTestId('member-rank')).toHaveText('Quartermaster');
  await expect(page.getByTestId('members-range')).toHaveText(`21–${total} of ${total}`);
  await checkPage(page, testInfo, 'governor-members-page-2');

  // The server has it: the same member on the API's second page.
  expect((await apiPage(20)).items.find((m) => m.player.name === target)).toMatchObject({ votingPower: 2.5, localRank: 'Quartermaster' });
  // Refused on purpose: voting power 7 (400).
  expectNoPageProblems(seen, 1);
});
