import { expect, test } from '@playwright/test';
import { checkPage, expectNoPageProblems, recordPageProblems } from '../support/page-checks.ts';

/**
 * Sign up in the browser (a weak password is refused at its field first), land signed in; sign out; sign in again
 * with the password. The session lives in the web app's httpOnly cookies, refreshed through the gateway.
 */
test('sign up -> signed in -> sign out -> sign in with the password', async ({ page }, testInfo) => {
  const seen = recordPageProblems(page);
  const username = `web${Date.now().toString(36)}`;
  await page.goto('/sign-up');
  await expect(page.getByTestId('sign-up-form')).toBeVisible();
  await checkPage(page, testInfo, 'sign-up');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('E-mail').fill(`${username}@example.test`);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('sign-up-password-error')).toBeVisible();

  await page.getByLabel('Password').fill('a much longer pass phrase 2102');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(username);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The header's link: the sign-up page itself also links to sign-in when the redirect after sign-up is slow.
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/sign-in');
  await page.getByLabel('Username or e-mail').fill(username);
  await page.getByLabel('Password').fill('a much longer pass phrase 2102');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(username);
  // The weak password was refused with HTTP 400 on purpose (one request).
  expectNoPageProblems(seen, 1);
});
