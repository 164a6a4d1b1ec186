import { expect, type APIRequestContext } from '@playwright/test';
import { apiToken, gql } from './web-session.ts';

/** The seeded players' ids (drizzle/src/seed.ts): fixed, so set-up can name an owner without a look-up. */
export const SEEDED_PLAYER_IDS = {
  admin: '00000000-0000-4000-9000-000000000001',
  alice: '00000000-0000-4000-9000-000000000002',
  bob: '00000000-0000-4000-9000-000000000003',
  carol: '00000000-0000-4000-9000-000000000004',
} as const;
export type SeededPlayer = keyof typeof SEEDED_PLAYER_IDS;

/**
 * A player-owned region for `owner`, provisioned by the admin (the path a purchase takes after PayPal) and awaited
 * until the hub calls it ACTIVE. Returns its id; `terminateRegions` removes it afterwards.
 */
export async function ownedRegion(request: APIRequestContext, owner: SeededPlayer, name: string): Promise<string> {
  const admin = await apiToken(request, 'admin');
  const d = await gql<{ provisionRegion: { regionId: string } }>(
    request,
    admin,
    'mutation($n: String!, $o: ID!) { provisionRegion(input: { name: $n, ownerPlayerId: $o }) { regionId } }',
    { n: name, o: SEEDED_PLAYER_IDS[owner] },
  );
  const id = d.provisionRegion.regionId;
  await expect
    .poll(async () => (await gql<{ region: { status: string } }>(request, admin, 'query($id: ID!) { region(id: $id) { status } }', { id })).region.status, { timeout: 120_000 })
    .toBe('ACTIVE');
  return id;
}

/** Terminates regions made by {@link ownedRegion} at once (admin), so a reused platform is left as it was. */
export async function terminateRegions(request: APIRequestContext, ids: readonly string[]): Promise<void> {
  const admin = await apiToken(request, 'admin');
  for (const id of ids) {
    await gql(request, admin, 'mutation($id: ID!) { terminateRegion(regionId: $id, immediate: true) { state } }', { id }).catch(() => null);
  }
}
