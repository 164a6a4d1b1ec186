import { expect, test } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { openPetitions } from '../support/governance-setup.ts';
import { signInAs } from '../support/web-session.ts';

/**
 * Two citizens in two browsers: each vote shows at once for the voter (optimistic) and reaches the other browser's
 * tally live, without a reload; a vote the server refuses is taken back with its reason; the receipt verifies.
 */
test('two residents vote and both tallies move without a reload; a refused vote rolls back; receipts verify', async ({ browser, request }, testInfo) => {
  const { policyIds } = await openPetitions(request, 1, `e2e vote ${Date.now().toString(36)}`);
  const policyId = policyIds[0]!;
  const aliceCtx = await browser.newContext();
  const bobCtx = await browser.newContext();
  try {
    const alice = await aliceCtx.newPage();
    const bob = await bobCtx.newPage();
    const seen = recordPageProblems(alice);
    await signInAs(alice, 'alice');
    await signInAs(bob, 'bob');
    await alice.goto('/governance');
    await bob.goto('/governance');
    const card = (p: typeof alice) => p.locator(`[data-testid="policy-card"][data-policy-id="${policyId}"]`);
    await expect(card(alice).getByTestId('votes-for')).toHaveText('0');
    await expect(card(bob).getByTestId('votes-for')).toHaveText('0');
    await expect(alice.getByTestId('voting-power').first()).toHaveText(/\d/);

    await card(alice).getByRole('button', { name: 'Vote for' }).click();
    await expect(card(alice).getByTestId('my-vote')).toContainText('for');
    await expect(card(alice).getByTestId('votes-for')).toHaveText('1');
    // bob's page was never reloaded: the tally arrives over the subscription.
    await expect(card(bob).getByTestId('votes-for')).toHaveText('1');

    await card(bob).getByRole('button', { name: 'Vote against' }).click();
    await expect(card(bob).getByTestId('votes-against')).toHaveText('1');
    await expect(card(alice).getByTestId('votes-against')).toHaveText('1');

    // A second alice browser has no receipt, so it offers the vote again: the server refuses it, the optimistic
    // count is taken back and the reason shown.
    const again = await (await browser.newContext()).newPage();
    await signInAs(again, 'alice');
    await again.goto('/governance');
    await card(again).getByRole('button', { name: 'Vote against' }).click();
    await expect(card(again).getByTestId('form-error')).toBeVisible();
    await expect(card(again).getByTestId('votes-against')).toHaveText('1');
    await again.context().close();

    // The receipt kept in alice's browser verifies against the server.
    const receipt = alice.getByTestId('receipt').first();
    await receipt.getByRole('button', { name: 'Verify' }).click();
    await expect(receipt.getByTestId('receipt-verdict')).toContainText('Verified');
    await checkPage(alice, testInfo, 'governance-voted');
    expectNoPageProblems(seen);
  } finally {
    await aliceCtx.close();
    await bobCtx.close();
  }
});
