/**
 * changeRegionSettings: one intent — change some settings of ONE region named by id (docs/rules/original-defects.md #27: never "my region";
 * admins act on any region by id). Guards: signed in, region exists, every setting group the change touches is
 * the caller's to change directly under the region's governance type (governance-authority.ts settingChangeRoute;
 * a change that needs a policy is refused with ERR_POLICY_REQUIRED and who decides). Then ONE transaction through
 * @sw/region-config applyConfigChange (locks the region row, version check, validation, new version row).
 *
 * Outcomes: ok | unauthenticated | region_not_found | invalid | policy_required | denied | version_conflict | no_change.
 */
import { eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { CONFIG_KEY_GROUP, isUuid, validateConfigChanges, type ConfigKey, type GovernanceType, type SettingGroup, type ValidationIssue } from '@sw/domain';
import { applyConfigChange, type ConfigVersionRecord } from '@sw/region-config';
import { loadRegionActor } from '../config/region-actor.ts';
import { settingChangeFor } from '../permissions.ts';
import type { CommandFailure } from './outcome.ts';

export interface ChangeRegionSettingsInput {
  regionId: string;
  expectedVersion: number;
  /** Change in API spelling, already mapped from the GraphQL input. */
  changes: Record<string, unknown>;
  /** Input-shape problems found while mapping (reported with the validator's). */
  inputIssues?: ValidationIssue[];
  /** Maps a domain issue path to the client's input path. */
  pathOf?: (path: string) => string;
}

export type ChangeRegionSettingsOutcome = { kind: 'ok'; record: ConfigVersionRecord } | CommandFailure;

export async function changeRegionSettings(db: HubDb, claims: Claims | null, input: ChangeRegionSettingsInput): Promise<ChangeRegionSettingsOutcome> {
  if (claims === null) return { kind: 'unauthenticated' };
  const pathOf = input.pathOf ?? ((p: string) => p);
  if (!isUuid(input.regionId)) return { kind: 'invalid', code: 'ERR_VALIDATION', issues: [{ path: 'regionId', message: 'must be a uuid' }] };
  const [region] = await db
    .select({ id: hub.regions.id, ownerId: hub.regions.ownerId, governorId: hub.regions.governorId, governanceType: hub.regions.governanceType })
    .from(hub.regions)
    .where(eq(hub.regions.id, input.regionId));
  if (!region) return { kind: 'region_not_found', regionId: input.regionId };

  // Validate first so a caller sees every problem of the input even before authority is settled.
  const { issues } = validateConfigChanges(input.changes);
  const all = [...(input.inputIssues ?? []), ...issues.map((i) => ({ ...i, path: pathOf(i.path) }))];
  if (all.length) return { kind: 'invalid', code: 'ERR_CONFIG_INVALID', issues: all };

  const { actor } = await loadRegionActor(db, claims, region);
  const groups = [...new Set(Object.keys(input.changes).map((k) => CONFIG_KEY_GROUP[k as ConfigKey]))] as SettingGroup[];
  let via: 'decree' | 'owner' | 'admin' = 'owner';
  for (const group of groups) {
    const route = settingChangeFor(region.governanceType as GovernanceType, group, actor);
    if (route.route === 'policy') return { kind: 'policy_required', group, decidedBy: route.decidedBy, reason: route.reason };
    if (route.route === 'denied') return { kind: 'denied', code: 'ERR_SETTING_CHANGE_DENIED', reason: route.reason };
    via = route.via;
  }

  const outcome = await db.transaction((tx) =>
    applyConfigChange(tx, { regionId: input.regionId, expectedVersion: input.expectedVersion, changes: input.changes, via, actorPlayerId: claims.playerId }),
  );
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'ok', record: outcome.record };
    case 'not_found':
      return { kind: 'region_not_found', regionId: input.regionId };
    case 'invalid':
      return { kind: 'invalid', code: 'ERR_CONFIG_INVALID', issues: outcome.issues.map((i) => ({ ...i, path: pathOf(i.path) })) };
    case 'version_conflict':
      return outcome;
    case 'no_change':
      return outcome;
  }
}
