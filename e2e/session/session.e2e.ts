import { expect, test } from '@playwright/test';
import { expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { apiToken, gql, signInAs } from '../support/web-session.ts';

/**
 * An access token that expires while a form is half filled: the submit refreshes the session through the web app's
 * refresh cookie (no sign-in dialog, no reload) and the request goes out with the new token, carrying what was typed.
 */
test('an access token that expired mid-form is refreshed through the refresh cookie; the half-filled form is sent intact', async ({ page, context }) => {
  const seen = recordPageProblems(page);
  const terran = (await gql<{ regionByName: { id: string } }>(page.request, null, '{ regionByName(name: "terran-space") { id } }')).regionByName.id;
  const alice = await apiToken(page.request, 'alice');
  await gql(page.request, alice, 'mutation($r: ID!) { declareResidence(regionId: $r) { membershipType } }', { r: terran }).catch(() => null);

  await signInAs(page, 'alice');
  // The browser's clock is ours to move: the page's copy of the token "ages" with it.
  await page.clock.install();
  await page.goto('/regions/terran-space/govern#policies');
  const form = page.getByTestId('propose-policy-form');
  const title = `Refreshed mid-form ${Date.now().toString(36)}`;
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Description (optional)').fill('Typed before the session expired.');
  await form.getByLabel('Change to add').selectOption('tax_rate');
  await form.getByRole('button', { name: 'Add change' }).click();
  await form.getByLabel('Tax rate', { exact: true }).fill('0.11');

  // 16 minutes pass (the session token lives 15): the browser has dropped the access cookie, as it does when its
  // max-age runs out, and the page's token is past its expiry. Only the refresh cookie is left.
  const oldToken = (await context.cookies()).find((c) => c.name === 'sw_access')?.value;
  expect(oldToken, 'signed in').toBeTruthy();
  await context.clearCookies({ name: 'sw_access' });
  await page.clock.fastForward('16:00');

  const refreshed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'GET');
  const mutation = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.method() === 'POST' && (r.postData() ?? '').includes('ProposePolicy'));
  await form.getByRole('button', { name: 'Propose' }).click();
  const session = (await (await refreshed).json()) as { session: { token: string } | null };
  expect(session.session?.token, 'the refresh cookie gave a new access token').toBeTruthy();
  expect(session.session!.token).not.toBe(oldToken);
  const sent = await mutation;
  expect(sent.headers()['authorization']).toBe(`Bearer ${session.session!.token}`);
  // What was typed before the expiry is what the server got.
  expect(sent.postData()).toContain(title);
  expect(sent.postData()).toContain('Typed before the session expired.');

  await expect(page.getByTestId('policy-proposed')).toBeVisible();
  await expect(page.getByTestId('policy-row').filter({ hasText: title })).toHaveAttribute('data-policy-status', 'VOTING');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await context.cookies()).some((c) => c.name === 'sw_access'), 'the new access cookie is set').toBe(true);
  expectNoPageProblems(seen);
});
