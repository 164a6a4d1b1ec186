import { expect, test } from '@playwright/test';
import { expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';
import { apiToken, gql } from '../support/web-session.ts';

/**
 * An access token that expires while a form is half filled: the gateway refuses the submit (ERR_INVALID_TOKEN), the page
 * gets a new token from the web app's refresh cookie (no sign-in dialog, no reload) and sends the same request again
 * with it, carrying what was typed.
 */
test('an access token that expired mid-form is refreshed through the refresh cookie; the half-filled form is sent intact', async ({ page, context }) => {
  const seen = recordPageProblems(page);
  const terran = (await gql<{ regionByName: { id: string } }>(page.request, null, '{ regionByName(name: "terran-space") { id } }')).regionByName.id;
  // A password account (the dev login keeps no refresh token): signed up through the web app, so its cookies hold the pair.
  const username = `ref${Date.now().toString(36)}`;
  const signedUp = await page.request.post('/api/session/register', { data: { username, email: `${username}@example.test`, password: 'a much longer pass phrase 2102' } });
  expect(signedUp.status(), await signedUp.text()).toBe(200);
  expect((await context.cookies()).map((c) => c.name)).toContain('sw_refresh');
  const token = await apiToken(page.request, username);
  await gql(page.request, token, 'mutation($r: ID!) { declareResidence(regionId: $r) { membershipType } }', { r: terran });

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

  // Time passes beyond the token's expiry: the browser has dropped the access cookie, as it does when its max-age
  // runs out, and the page's copy of the token is past its `exp`. Only the refresh cookie is left.
  const oldToken = (await context.cookies()).find((c) => c.name === 'sw_access')?.value;
  expect(oldToken, 'signed in').toBeTruthy();
  const exp = (JSON.parse(Buffer.from(oldToken!.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp * 1000;
  // Every token the session endpoint hands out from now on (the page's timers may ask before the submit does).
  const handedOut: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname !== '/api/session' || r.request().method() !== 'GET') return;
    void r.json().then((b: { session?: { token?: string } | null }) => b.session?.token && handedOut.push(b.session.token)).catch(() => null);
  });
  await context.clearCookies({ name: 'sw_access' });
  await page.clock.fastForward(Math.max(0, exp - Number(await page.evaluate('Date.now()'))) + 60_000);
  // The clock moved in the browser only, so the gateway would still take the old token: its first use is answered
  // the way the gateway answers an expired one (401, ERR_INVALID_TOKEN); every later request goes through.
  const attempts: { authorization: string | undefined; body: string }[] = [];
  await page.route(/\/graphql$/, async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !(req.postData() ?? '').includes('ProposePolicy')) return route.continue();
    attempts.push({ authorization: req.headers()['authorization'], body: req.postData() ?? '' });
    if (attempts.length > 1) return route.continue();
    return route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'Invalid access token: "exp" claim timestamp check failed', extensions: { code: 'ERR_INVALID_TOKEN' } }] }),
    });
  });

  // Once the page has decided to refresh, its clock is put back to the real time, so the new token looks as fresh to
  // the page as it is (otherwise every later request would count it expired too).
  let clockReset = false;
  await page.route('**/api/session', async (route) => {
    if (!clockReset && route.request().method() === 'GET') {
      clockReset = true;
      await page.clock.setSystemTime(Date.now());
    }
    await route.continue();
  });
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect.poll(() => attempts.length, { message: 'the mutation is retried after the refresh' }).toBe(2);
  expect(attempts[0]!.authorization).toBe(`Bearer ${oldToken}`);
  const retried = attempts[1]!;
  await expect.poll(() => handedOut.length, { message: 'the refresh cookie gave a new access token' }).toBeGreaterThan(0);
  expect(handedOut[0]).not.toBe(oldToken);
  expect(retried.authorization).toBe(`Bearer ${handedOut.at(-1)}`);
  // What was typed before the expiry is what the server got.
  expect(retried.body).toContain(title);
  expect(retried.body).toContain('Typed before the session expired.');

  await expect(page.getByTestId('policy-proposed')).toBeVisible();
  await expect(page.getByTestId('policy-row').filter({ hasText: title })).toHaveAttribute('data-policy-status', 'VOTING');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await context.cookies()).some((c) => c.name === 'sw_access'), 'the new access cookie is set').toBe(true);
  // The one emulated refusal (401) is the only error response.
  expectNoPageProblems(seen, 1, [401]);
});
