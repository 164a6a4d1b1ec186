import { expect, type APIRequestContext } from '@playwright/test';
import { apiToken, GATEWAY, gql } from './web-session.ts';

/** The password every account signed up by the e2e set-up uses. */
export const E2E_PASSWORD = 'a much longer pass phrase 2102';

/**
 * Signs `usernames` up through the gateway with one invite of the owner's region, so each is a citizen of it (the
 * registration path; the browser path is covered by the governor spec). Registration is rate limited per address:
 * keep the list short and seed bigger crowds in the database instead.
 */
export async function signUpCitizens(request: APIRequestContext, owner: string, regionId: string, usernames: readonly string[]): Promise<void> {
  const token = await apiToken(request, owner);
  const { mintInvite } = await gql<{ mintInvite: { code: string } }>(request, token, 'mutation($r: ID!, $n: Int) { mintInvite(regionId: $r, maxUses: $n) { code } }', {
    r: regionId,
    n: Math.min(10, usernames.length),
  });
  for (const username of usernames) {
    const res = await request.post(`${GATEWAY}/api/v1/auth/register`, {
      data: { username, email: `${username}@example.test`, password: E2E_PASSWORD, inviteCode: mintInvite.code },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}
