import type { APIRequestContext } from '@playwright/test';
import { apiToken, gql } from './web-session.ts';

/**
 * Makes the seeded players voting members of Terran Space (residents; alice and bob are old enough for the
 * franchise) and has alice put `count` petitions to them. Returns the policy ids. Declaring residence twice is
 * harmless, so a reused platform works too.
 */
export async function openPetitions(request: APIRequestContext, count: number, label: string): Promise<{ regionId: string; policyIds: string[] }> {
  const alice = await apiToken(request, 'alice');
  const bob = await apiToken(request, 'bob');
  const { regionByName } = await gql<{ regionByName: { id: string } }>(request, alice, '{ regionByName(name: "terran-space") { id } }');
  for (const t of [alice, bob]) {
    await gql(request, t, 'mutation($r: ID!) { declareResidence(regionId: $r) { membershipType } }', { r: regionByName.id }).catch(() => null);
  }
  const policyIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = await gql<{ proposePolicy: { policy: { id: string } } }>(
      request,
      alice,
      'mutation($r: ID!, $t: String!, $c: JSON!) { proposePolicy(input: { regionId: $r, title: $t, proposedChanges: $c }) { policy { id } } }',
      { r: regionByName.id, t: `${label} ${i + 1}`, c: { tax_rate: 0.08 + (i % 5) / 100 } },
    );
    policyIds.push(d.proposePolicy.policy.id);
  }
  return { regionId: regionByName.id, policyIds };
}
