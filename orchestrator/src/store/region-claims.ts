/**
 * The one query behind the name-taken / owner-limit rule (regionClaimProblem in @sw/domain): it loads the
 * regions and not-yet-activated regional_owner subscriptions that could matter for one name and one
 * owner, and asks the rule. Admin provisioning, the subscription create command, the name-availability
 * check and the webhook activation all call it.
 */
import type postgres from 'postgres';
import { regionClaimProblem, type ClaimRegionRow, type ClaimSubscriptionRow, type RegionClaimProblem } from '@sw/domain';

export interface RegionClaimQuery {
  /** Lower-case slug. */
  name: string;
  /** Future owner (null: ownerless admin region). */
  ownerId: string | null;
  /** The subscription being activated (does not block itself). */
  ownSubscriptionId?: string | null;
  ignoreLimit?: boolean;
  /**
   * Serialise concurrent claims first: a transaction-scoped advisory lock on the name and a row lock on the
   * owner's player row, so two claims of one name or one owner never both pass. Needs a transaction.
   * FOR NO KEY UPDATE (not FOR UPDATE): claims exclude each other, but inserts that merely reference the
   * player (their FK check takes KEY SHARE) are not blocked — a FOR UPDATE here deadlocked against a
   * concurrent webhook adopting the same player's subscription.
   */
  lock?: boolean;
  now?: Date;
}

type Queryable = postgres.Sql | postgres.TransactionSql;

/** Loads the candidates and returns the first problem, or null when the claim is fine. */
export async function findRegionClaimProblem(sql: Queryable, q: RegionClaimQuery): Promise<RegionClaimProblem | null> {
  if (q.lock) {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`sw:region-name:${q.name}`}))`;
    if (q.ownerId) await sql`SELECT 1 FROM players WHERE id = ${q.ownerId} FOR NO KEY UPDATE`;
  }
  const owner = q.ownerId ?? '00000000-0000-0000-0000-000000000000';
  const regions = await sql<ClaimRegionRow[]>`
    SELECT id, lower(name) AS name, owner_id AS "ownerId", desired_state AS "desiredState", status, runtime_state AS "runtimeState"
    FROM regions
    WHERE lower(name) = ${q.name} OR (owner_id = ${owner} AND region_type = 'player_owned')`;
  const subs = await sql<Array<Omit<ClaimSubscriptionRow, 'createdAt'> & { createdAtMs: number }>>`
    SELECT id, lower(region_name) AS "regionName", player_id AS "playerId", status,
      (extract(epoch from created_at) * 1000)::float8 AS "createdAtMs",
      region_id IS NOT NULL AS "hasRegion", activation_refused_reason IS NOT NULL AS refused
    FROM billing_subscriptions
    WHERE plan = 'regional_owner' AND region_id IS NULL AND (lower(region_name) = ${q.name} OR player_id = ${owner})`;
  return regionClaimProblem({
    name: q.name,
    ownerId: q.ownerId,
    regions,
    subscriptions: subs.map(({ createdAtMs, ...s }) => ({ ...s, createdAt: new Date(Number(createdAtMs)) })),
    ownSubscriptionId: q.ownSubscriptionId ?? null,
    ignoreLimit: q.ignoreLimit ?? false,
    now: q.now ?? new Date(),
  });
}
