import { expect, test, type Page } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { apiToken, gql, signInAs } from '../support/web-session.ts';

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
  const offered = await form.getByLabel('Change to add').locator('option').allTextContents();
  expect(offered).toHaveLength(schema.policyChangeSchema.changes.length);

  const before = await policyCount(page, regionId);
  // Round 1: a title that is too short is refused at the title field.
  await form.getByLabel('Title').fill('x');
  await form.getByLabel('Change to add').selectOption('tax_rate');
  await form.getByRole('button', { name: 'Add change' }).click();
  await form.getByLabel('Tax rate').fill(String(tax.max! + 0.05));
  // The bounds shown at the field are the server's.
  await expect(form.getByTestId('policy-change').filter({ hasText: 'Tax rate' })).toContainText(`${tax.min}–${tax.max}`);
  await form.getByLabel('Change to add').selectOption('trade_bonuses');
  await form.getByRole('button', { name: 'Add change' }).click();
  await form.getByLabel('Ore').fill('3.5');
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
  await form.getByLabel('Tax rate').fill('0.12');
  await form.getByLabel('Ore').fill('2');
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect(page.getByTestId('policy-proposed')).toBeVisible();
  const row = page.getByTestId('policy-row').filter({ hasText: `Lower taxes ${run}` });
  await expect(row).toHaveAttribute('data-policy-status', 'VOTING');
  await expect(row.getByTestId('policy-votes-for')).toHaveText('0');
  expect(await policyCount(page, regionId)).toBe(before + 1);

  // bob votes through the API: the row's tally moves live, without a reload.
  const policyId = await row.getAttribute('data-policy-id');
  const bob = await apiToken(page.request, 'bob');
  await gql(page.request, bob, 'mutation($id: ID!) { castPolicyVote(policyId: $id, support: true) { policy { votesFor } } }', { id: policyId });
  await expect(row.getByTestId('policy-votes-for')).not.toHaveText('0', { timeout: 15_000 });
  await checkPage(page, testInfo, 'governor-policies');
  expectNoPageProblems(seen, 0);
});
