import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { GATEWAY_HEALTH_URL } from './platform-urls.ts';

/** The gateway's origin (from E2E_GATEWAY_HEALTH_URL), for direct API calls that set up or verify a scenario. */
export const GATEWAY = new URL(GATEWAY_HEALTH_URL).origin;

/**
 * Signs the page's browser context in through the web app's own session endpoint (the same call the sign-in form
 * makes), so the httpOnly session cookie is set for every later navigation of that context. Seeded users sign in
 * without a password (dev login, embedded default, loopback only); players who signed up give theirs.
 */
export async function signInAs(page: Page | BrowserContext, username: string, password?: string): Promise<void> {
  const res = await page.request.post('/api/session', { data: password ? { username, password } : { username } });
  expect(res.status(), await res.text()).toBe(200);
}

/** An access token straight from the gateway's dev login, for API set-up and clean-up steps. */
export async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post(`${GATEWAY}/api/v1/auth/dev-login`, { data: { username } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

interface GraphqlBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** One GraphQL call to the gateway; throws with the errors when there are any. */
export async function gql<T>(request: APIRequestContext, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await request.post(`${GATEWAY}/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = (await res.json()) as GraphqlBody<T>;
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  if (body.data === undefined) throw new Error(`GraphQL answered ${res.status()} without data`);
  return body.data;
}
