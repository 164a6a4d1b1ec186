/**
 * The six provisioning conditions: each is "ensure X" — it reads reality first, adopts what
 * exists, acts only when needed and records its condition. A step throws to be retried (transient),
 * throws PermanentError / GenerationCorruptError for the terminal outcomes, or returns a requeue delay
 * when it must wait (Nexus attach backoff).
 */
import postgres from 'postgres';
import { regionMetricsToken, regionServerToken } from '@sw/auth';
import { nextNexusAttachRetry } from '@sw/domain';
import { spokeLink } from '@sw/galaxy';
import { regionDbName, type StackObserved, type StackSpec } from '../drivers/driver.ts';
import { probeHealth } from '../http/probe-health.ts';
import { ensureRegionDatabaseRecord } from '../store/region-databases.ts';
import { setCondition, transitionRegion } from '../store/region-events.ts';
import type { RegionRow } from '../store/region-row.ts';
import type { ProvisioningCondition, ReconcileContext, StepResult } from '../reconciler/context.ts';
import { allocateAndGenerate, countRegionWorld, writeRegionWorld } from './generate-region.ts';

export type ConditionStep = (ctx: ReconcileContext, r: RegionRow) => Promise<StepResult | null>;

/** Records a condition as True and honours ORCHESTRATOR_CRASH_AFTER (test-only crash injection). */
export async function markTrue(ctx: ReconcileContext, r: RegionRow, type: ProvisioningCondition, reason: string, message: string | null, patch: Record<string, unknown> = {}) {
  const row = await setCondition(ctx, r.id, type, 'True', reason, message, patch);
  if (ctx.crashAfter === type) {
    ctx.log.warn({ regionId: r.id, condition: type }, 'ORCHESTRATOR_CRASH_AFTER reached: exiting with 137');
    process.exit(137);
  }
  return row;
}

/** The region database's credentials: persisted (password sealed) in region_databases BEFORE anything is created. */
export async function regionDatabaseRecord(ctx: ReconcileContext, r: RegionRow) {
  const { dbName, roleName, password } = await ensureRegionDatabaseRecord(ctx.sql, ctx.secrets, r);
  return { dbName, roleName, password };
}

/** Creates / adopts the database and returns its URL (used by later steps). */
export async function ensureRegionDatabase(ctx: ReconcileContext, r: RegionRow): Promise<string> {
  const rec = await regionDatabaseRecord(ctx, r);
  const { url } = await ctx.driver.ensureDatabase({ regionId: r.id, ...rec });
  return url;
}

export function stackSpec(r: RegionRow, databaseUrl: string): StackSpec {
  return {
    regionId: r.id, regionName: r.name, generation: r.specGeneration, databaseUrl,
    cpu: r.cpu, memoryGb: r.memoryGb, storageGb: r.storageGb, maxPlayers: r.maxPlayers,
    serviceToken: regionServerToken(r.id),
    metricsToken: regionMetricsToken(),
  };
}

const observedOf = (r: RegionRow): StackObserved | null => (r.runtimeObserved?.regionId ? (r.runtimeObserved as StackObserved) : null);

export const subscriptionValid: ConditionStep = async (ctx, r) => {
  // Admin-granted regions have no subscription; a PayPal-backed one must be ACTIVE (or APPROVED).
  const s = r.subscriptionStatus?.toUpperCase() ?? null;
  if (s !== null && s !== 'ACTIVE' && s !== 'APPROVED') {
    await setCondition(ctx, r.id, 'SUBSCRIPTION_VALID', 'False', 'SubscriptionNotActive', `subscription status is ${r.subscriptionStatus}`);
    return { requeueAfterMs: 30_000 };
  }
  if (r.runtimeConditions.SUBSCRIPTION_VALID?.status !== 'True') {
    await markTrue(ctx, r, 'SUBSCRIPTION_VALID', s ? 'SubscriptionActive' : 'AdminGranted', null);
  }
  return null;
};

export const databaseCreated: ConditionStep = async (ctx, r) => {
  const url = await ensureRegionDatabase(ctx, r);
  if (r.runtimeConditions.DATABASE_CREATED?.status !== 'True') {
    // Migrate now (as the region role, so it owns the tables): the world is written before the server starts.
    const { migrateRegion } = await import('@sw/db');
    await migrateRegion(url);
    await markTrue(ctx, r, 'DATABASE_CREATED', 'DatabaseReady', regionDbName(r.id), { runtime_driver: ctx.driver.name });
  }
  return null;
};

export const regionGenerated: ConditionStep = async (ctx, r) => {
  if (r.runtimeConditions.REGION_GENERATED?.status === 'True') return null;
  const url = await ensureRegionDatabase(ctx, r);
  const generated = await allocateAndGenerate(ctx.sql, r.id);
  const regionSql = postgres(url, { max: 1, idle_timeout: 2, onnotice: () => {} });
  try {
    const checksums = await writeRegionWorld(regionSql, r.id, generated);
    const again = await countRegionWorld(regionSql);
    for (const [stage, c] of Object.entries(checksums)) {
      if (stage !== 'galaxy' && again[stage] !== (c as { row_count: number }).row_count) {
        throw new Error(`world checksum mismatch for ${stage}: stored ${again[stage]}, wrote ${(c as { row_count: number }).row_count}`);
      }
    }
    await markTrue(ctx, r, 'REGION_GENERATED', 'WorldWritten', `${generated.totalSectors} sectors, ids ${generated.sectorIdStart}-${generated.sectorIdEnd}`, {
      generation_phase_checksums: checksums,
    });
  } finally {
    await regionSql.end({ timeout: 2 });
  }
  return null;
};

export const stackDeployed: ConditionStep = async (ctx, r) => {
  const url = await ensureRegionDatabase(ctx, r);
  const res = await ctx.driver.ensureStack(stackSpec(r, url), observedOf(r));
  const changed = JSON.stringify(res.observed) !== JSON.stringify(r.runtimeObserved);
  if (r.runtimeConditions.STACK_DEPLOYED?.status !== 'True' || changed) {
    await markTrue(ctx, r, 'STACK_DEPLOYED', res.action === 'adopted' ? 'StackAdopted' : 'StackStarted', `${res.observed.endpoint} pid ${res.observed.pid ?? '-'}`, {
      runtime_observed: res.observed,
      runtime_driver: ctx.driver.name,
    });
  }
  return null;
};

export const nexusRegistered: ConditionStep = async (ctx, r) => {
  if (r.nexusAttachCompletedAt && r.runtimeConditions.NEXUS_REGISTERED?.status === 'True') return null;
  const now = ctx.now();
  if (r.nexusAttachNextRetryAt && r.nexusAttachNextRetryAt > now && !r.nexusAttachCompletedAt) {
    return { requeueAfterMs: r.nexusAttachNextRetryAt.getTime() - now.getTime() };
  }
  // Adopt a spoke written by an earlier (crashed) attempt.
  const [existing] = await ctx.sql`SELECT id FROM warp_tunnels WHERE from_region_id = ${r.id} AND idempotency_key LIKE ${r.id + ':%'} LIMIT 1`;
  let failure: string | null = null;
  if (!existing) {
    const [nexus] = await ctx.sql<{ id: string; sectorIdStart: number | null; capital: number | null }[]>`
      SELECT id, sector_id_start AS "sectorIdStart", capital_sector_number AS capital FROM regions WHERE region_type = 'central_nexus' LIMIT 1`;
    if (!nexus || nexus.sectorIdStart == null) failure = 'the Central Nexus has not been generated yet';
    else {
      const link = spokeLink(
        { regionType: 'player_owned', nexusWarpSector: r.nexusWarpSector, sectorIdStart: r.sectorIdStart!, totalSectors: r.totalSectors },
        { regionType: 'central_nexus', sectorIdStart: nexus.sectorIdStart, capitalSectorNumber: nexus.capital ?? 2251 },
        { regionId: r.id, attempt: r.nexusAttachAttemptCount + 1 },
      );
      const [capital] = await ctx.sql`SELECT 1 FROM sectors WHERE region_id = ${nexus.id} AND sector_id = ${link.toSectorId}`;
      if (!capital) failure = `Nexus capital sector ${link.toSectorNumber} (id ${link.toSectorId}) does not exist`;
      else {
        await ctx.sql`
          INSERT INTO warp_tunnels (from_region_id, from_sector_id, to_region_id, to_sector_id, tunnel_type, is_bidirectional, is_latent, status, idempotency_key)
          VALUES (${r.id}, ${link.fromSectorId}, ${nexus.id}, ${link.toSectorId}, ${link.tunnelType}, true, false, 'active', ${link.idempotencyKey})
          ON CONFLICT (idempotency_key) DO NOTHING`;
      }
    }
  }
  if (failure) {
    const failures = r.nexusAttachAttemptCount + 1;
    const retry = nextNexusAttachRetry(failures, now);
    const patch = { nexus_attach_attempt_count: failures, nexus_attach_next_retry_at: retry.nextRetryAt };
    await setCondition(ctx, r.id, 'NEXUS_REGISTERED', 'False', 'NexusAttachFailed', `${failure}; retry in ${retry.delayMs / 1000} s (attempt ${failures})`, patch);
    if (retry.attachmentPending && r.runtimeState !== 'attachment_pending') {
      await transitionRegion(ctx, r.id, 'attachment_pending', {
        type: 'Warning', reason: 'AttachmentPending',
        message: `Nexus link failed ${failures} times; operator alert raised. Owner notice: your home region's Nexus connection is taking longer than expected.`,
      });
    }
    return { requeueAfterMs: retry.delayMs };
  }
  await markTrue(ctx, r, 'NEXUS_REGISTERED', 'SpokeLinked', `sector ${r.nexusWarpSector} -> Nexus capital`, {
    nexus_attach_completed_at: now, nexus_attach_next_retry_at: null,
  });
  return null;
};

export const routingConfigured: ConditionStep = async (ctx, r) => {
  const endpoint = (r.runtimeObserved as StackObserved).endpoint;
  const h = endpoint ? await probeHealth(endpoint, 3_000) : null;
  if (h?.regionId !== r.id) throw new Error(`region-server at ${endpoint} does not answer /health for ${r.id}`);
  if (r.runtimeConditions.ROUTING_CONFIGURED?.status !== 'True' || r.runtimeEndpoint !== endpoint) {
    await markTrue(ctx, r, 'ROUTING_CONFIGURED', 'EndpointPublished', endpoint, { runtime_endpoint: endpoint, last_heartbeat_at: ctx.now() });
  }
  return null;
};

export const CONDITION_STEPS: Array<[ProvisioningCondition, ConditionStep]> = [
  ['SUBSCRIPTION_VALID', subscriptionValid],
  ['DATABASE_CREATED', databaseCreated],
  ['REGION_GENERATED', regionGenerated],
  ['STACK_DEPLOYED', stackDeployed],
  ['NEXUS_REGISTERED', nexusRegistered],
  ['ROUTING_CONFIGURED', routingConfigured],
];
