import { expect, test, type Page } from '@playwright/test';
import { GATEWAY_BASE_URL, isLoopbackUrl } from '../support/platform-urls.ts';

/** What a healthy offline page must not do: console errors, uncaught errors, failed, 4xx/5xx or remote requests. */
function recordPageProblems(page: Page) {
  const remote: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (!isLoopbackUrl(r.url())) remote.push(r.url());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`));
  return { remote, problems };
}

interface IntrospectionBody {
  data?: { __schema?: { queryType: { name: string }; types: { name: string }[] } };
  errors?: { message: string; extensions?: { code?: string } }[];
}

test.describe('GraphQL playground', () => {
  test('introspects the gateway with the standard query and shows the schema docs, talking only to loopback', async ({ page }) => {
    const seen = recordPageProblems(page);
    // GraphiQL sends graphql-js getIntrospectionQuery (depth 15) as soon as it loads.
    const introspection = page.waitForResponse(
      (r) => r.url() === `${GATEWAY_BASE_URL}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('__schema'),
    );
    const response = await page.goto(`${GATEWAY_BASE_URL}/playground`);
    expect(response?.status()).toBe(200);

    const answer = await introspection;
    const body = (await answer.json()) as IntrospectionBody;
    // Compared as data so a refusal prints its code (e.g. ERR_QUERY_TOO_DEEP) instead of a bare status.
    expect(body.errors ?? []).toEqual([]);
    expect(answer.status()).toBe(200);
    expect(body.data?.__schema?.queryType.name).toBe('Query');
    expect(body.data?.__schema?.types.map((t) => t.name)).toEqual(expect.arrayContaining(['Region', 'Player', 'Cluster']));

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.getByRole('region', { name: 'Documentation Explorer' });
    await expect(docs.getByText('Root Types')).toBeVisible();
    await docs.getByRole('link', { name: 'Query', exact: true }).first().click();
    await expect(docs.getByText(/^Governance subgraph: policies/)).toBeVisible();
    await docs.getByRole('link', { name: 'regions', exact: true }).click();
    // The field's own page: its SDL description and its arguments, straight from the subgraph's schema.graphql.
    await expect(docs.getByText(/Regions, newest first/)).toBeVisible();
    await expect(docs.getByRole('link', { name: 'first', exact: true }).or(docs.getByText(/^first/)).first()).toBeVisible();
    await docs.getByRole('link', { name: 'Region', exact: true }).first().click();
    await expect(docs.getByText(/cached for a few seconds/)).toBeVisible();

    await page.waitForLoadState('networkidle');
    expect(seen.problems).toEqual([]);
    expect(seen.remote).toEqual([]);
  });
});
