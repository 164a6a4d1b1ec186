/**
 * proposeTreaty: the owner of region A (the caller's own region, checked against the region named — never trusted
 * from input) proposes a treaty to region B. The pair rule holds in either direction: no second live (proposed or
 * active) treaty of any type between the two regions (the uq_treaties_one_live_per_pair index decides races). A dead
 * treaty with the same (A, B, type) is reused.
 * Outcomes: ok {treatyId} | ERR_UNAUTHENTICATED | ERR_VALIDATION | ERR_TREATY_SAME_REGION | ERR_REGION_NOT_FOUND
 * | ERR_NOT_REGION_OWNER | ERR_TREATY_EXISTS.
 */
import { sql } from 'drizzle-orm';
import { isAdmin, type Claims } from '@sw/auth';
import { TREATY_TYPES, type TreatyType, type ValidationIssue } from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { loadGovernedRegion } from '../store/region-standing.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export interface ProposeTreatyInput {
  regionId: string;
  counterpartyRegionId: string;
  treatyType: string;
  terms?: unknown;
  expiresAt?: string | null;
}

const MAX_TERMS_BYTES = 10_000;

export async function proposeTreaty(deps: GovernanceDeps, claims: Claims | null, input: ProposeTreatyInput): Promise<Outcome<{ treatyId: string }>> {
  if (!claims) return failed('ERR_UNAUTHENTICATED', 'sign in first');
  const now = deps.now();
  const issues: ValidationIssue[] = [];
  if (!(TREATY_TYPES as readonly string[]).includes(input.treatyType)) issues.push({ path: 'treatyType', message: `must be one of ${TREATY_TYPES.join(', ')}` });
  const terms = input.terms ?? {};
  if (typeof terms !== 'object' || terms === null || Array.isArray(terms) || JSON.stringify(terms).length > MAX_TERMS_BYTES) {
    issues.push({ path: 'terms', message: `must be an object of at most ${MAX_TERMS_BYTES} bytes` });
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) issues.push({ path: 'expiresAt', message: 'must be a time in the future' });
  if (issues.length) return failed('ERR_VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  if (input.regionId === input.counterpartyRegionId) return failed('ERR_TREATY_SAME_REGION', 'a region cannot sign a treaty with itself');
  const own = await loadGovernedRegion(deps.db, input.regionId);
  if (!own || (!isAdmin(claims) && (claims.playerId === null || own.ownerId !== claims.playerId))) {
    return failed('ERR_NOT_REGION_OWNER', 'only the owner of the proposing region may propose a treaty');
  }
  const other = await loadGovernedRegion(deps.db, input.counterpartyRegionId);
  if (!other) return failed('ERR_REGION_NOT_FOUND', `region ${input.counterpartyRegionId} not found`);
  let rows: { id: string }[];
  try {
    rows = await deps.db.execute<{ id: string }>(sql`
      INSERT INTO regional_treaties (region_a_id, region_b_id, treaty_type, terms, status, proposed_at, expires_at)
      VALUES (${own.id}, ${other.id}, ${input.treatyType as TreatyType}, ${JSON.stringify(terms)}::jsonb, 'proposed', ${now.toISOString()}::timestamptz, ${expiresAt ? expiresAt.toISOString() : null}::timestamptz)
      ON CONFLICT ON CONSTRAINT unique_treaty DO UPDATE SET
        status = 'proposed', terms = EXCLUDED.terms, proposed_at = EXCLUDED.proposed_at, expires_at = EXCLUDED.expires_at,
        accepted_at = NULL, ended_at = NULL, updated_at = EXCLUDED.proposed_at
      WHERE regional_treaties.status NOT IN ('proposed', 'active')
      RETURNING id`);
  } catch (err) {
    if (isUniqueViolation(err, 'uq_treaties_one_live_per_pair')) return failed('ERR_TREATY_EXISTS', 'a live treaty already binds these two regions');
    throw err;
  }
  if (rows.length === 0) return failed('ERR_TREATY_EXISTS', 'a live treaty already binds these two regions');
  const treatyId = rows[0]!.id;
  await publishGovernanceEvents(deps.bus, deps.log, [own.id, other.id].map((r) => governanceEvent('treaty_proposed', r, now, `${input.treatyType} proposed`, { treatyId })));
  return ok({ treatyId });
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  let e = err as { code?: string; constraint_name?: string; cause?: unknown } | undefined;
  while (e && e.code === undefined && e.cause) e = e.cause as typeof e;
  return e?.code === '23505' && e.constraint_name === constraint;
}
