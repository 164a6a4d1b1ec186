/**
 * applyConfigChange: the ONE way a region's configuration changes — an owner's decree or culture edit, an admin
 * acting on a region by id, or the enactment of a passed policy (the governance subgraph calls this inside its
 * enactment transaction with via 'policy' and the policy id). Runs INSIDE the caller's transaction: locks the
 * regions row FOR UPDATE, checks the expected version, validates the change with the domain's one validator,
 * merges, writes the changed columns with config_version + 1 and one region_config_versions row (who, how, the
 * diff, when). Authority (who may change what) is the caller's question: ask settingChangeRoute first.
 *
 * Outcomes: ok | not_found | invalid (every issue, nothing written) | version_conflict | no_change.
 * Rules: docs/rules/region-config.md.
 */
import { eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import {
  diffConfig,
  mergeConfig,
  validateConfigChanges,
  type ConfigChangeVia,
  type ConfigDiffEntry,
  type RegionConfig,
  type ValidationIssue,
} from '@sw/domain';
import { CONFIG_COLUMNS, columnsFor, configFromRow, type HubTx } from './region-config-row.ts';

export interface ApplyConfigChangeInput {
  regionId: string;
  /** The version the caller based the change on; null skips the check (policy enactment applies on top of now). */
  expectedVersion: number | null;
  /** Untrusted change in API spelling (validated here): e.g. `{ taxRate: 0.12, tradeBonuses: { ore: 1.5 } }`. */
  changes: unknown;
  via: ConfigChangeVia;
  actorPlayerId: string | null;
  /** Required with via 'policy'. */
  policyId?: string | null;
  now?: Date;
}

export interface ConfigVersionRecord {
  regionId: string;
  version: number;
  via: ConfigChangeVia;
  actorPlayerId: string | null;
  actorName: string | null;
  policyId: string | null;
  changes: ConfigDiffEntry[];
  at: Date;
}

export type ApplyConfigOutcome =
  | { kind: 'ok'; record: ConfigVersionRecord; config: RegionConfig }
  | { kind: 'not_found'; regionId: string }
  | { kind: 'invalid'; issues: ValidationIssue[] }
  | { kind: 'version_conflict'; expected: number; actual: number }
  | { kind: 'no_change'; version: number };

export async function applyConfigChange(tx: HubTx, input: ApplyConfigChangeInput): Promise<ApplyConfigOutcome> {
  if ((input.via === 'policy') !== (input.policyId != null)) throw new Error('applyConfigChange: policyId is required with via policy, and only then');
  const [row] = await tx.select(CONFIG_COLUMNS).from(hub.regions).where(eq(hub.regions.id, input.regionId)).for('update');
  if (!row) return { kind: 'not_found', regionId: input.regionId };
  if (input.expectedVersion !== null && input.expectedVersion !== row.configVersion) {
    return { kind: 'version_conflict', expected: input.expectedVersion, actual: row.configVersion };
  }
  const { changes, issues } = validateConfigChanges(input.changes);
  if (issues.length) return { kind: 'invalid', issues };
  const before = configFromRow(row);
  const after = mergeConfig(before, changes);
  const diff = diffConfig(before, after);
  if (diff.length === 0) return { kind: 'no_change', version: row.configVersion };
  const at = input.now ?? new Date();
  const version = row.configVersion + 1;
  const changed = Object.fromEntries(diff.map((d) => [d.field, true])) as Partial<Record<keyof RegionConfig, true>>;
  const onlyChanged = Object.fromEntries(Object.entries(changes).filter(([k]) => changed[k as keyof RegionConfig])) as typeof changes;
  await tx
    .update(hub.regions)
    .set({ ...columnsFor(onlyChanged, after, row.tradeBonuses), configVersion: version, updatedAt: at })
    .where(eq(hub.regions.id, input.regionId));
  let actorName: string | null = null;
  if (input.actorPlayerId) {
    const [p] = await tx.select({ name: hub.players.name }).from(hub.players).where(eq(hub.players.id, input.actorPlayerId));
    actorName = p?.name ?? null;
  }
  await tx.insert(hub.regionConfigVersions).values({
    regionId: input.regionId,
    version,
    via: input.via,
    actorPlayerId: input.actorPlayerId,
    actorName,
    policyId: input.policyId ?? null,
    changes: diff,
    at,
  });
  return {
    kind: 'ok',
    config: after,
    record: { regionId: input.regionId, version, via: input.via, actorPlayerId: input.actorPlayerId, actorName, policyId: input.policyId ?? null, changes: diff, at },
  };
}
