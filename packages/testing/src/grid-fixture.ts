import { randomBytes } from 'node:crypto';
import { ADMIN_SCOPES } from '@sw/domain';
import { GRID_ROLES, type Claims, type GridRole } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import type postgres from 'postgres';
import { createGridSubjects, type GridSubjects } from './grid-subjects.ts';
import { insertRegion, insertUserWithPlayer } from './hub-fixtures.ts';

/**
 * The fixture region of the permission grid (docs/decisions/permissions.md): one player region with one account per
 * grid role — a player with no standing there, a visitor, a resident and a citizen (memberships), a councillor, the
 * governor (regions.governor_id), the owner (regions.owner_id) and an admin with every admin scope — plus what the
 * rules' subjects need: a generated-looking Central Nexus (so an admin's generateNexus meets "exists" instead of
 * generating a world), an active invite of the region and a regional_owner subscription of its owner. The region's
 * runtime is terminated, so an allowed runtime mutation changes desired state only and the reconciler has no work.
 * Subjects that a call can consume (policies, petitions, elections, treaties) are made fresh per call by `subjects`.
 */
export interface GridFixture {
  regionId: string;
  nexusId: string;
  inviteId: string;
  subscriptionId: string;
  /** A finished (cancelled) journey of the `player` account into the region: entry decisions meet it as "not awaiting". */
  journeyId: string;
  /** Factories of fresh governance subjects (one per call), see grid-subjects.ts. */
  subjects: GridSubjects;
  /** players.id of the account holding each role (anonymous: null). */
  playerIdOf(role: GridRole): string | null;
  /** Claims as the gateway forwards them for each role (anonymous: null). */
  claimsOf(role: GridRole): Claims | null;
}

const MEMBERSHIP: Partial<Record<GridRole, 'visitor' | 'resident' | 'citizen'>> = {
  visitor: 'visitor',
  resident: 'resident',
  citizen: 'citizen',
  // The councillor holds a seat: a completed council_member election of the region that they won (below).
  councillor: 'citizen',
  governor: 'citizen',
};

export async function buildGridFixture(db: HubDb, sql: postgres.Sql): Promise<GridFixture> {
  const tag = randomBytes(3).toString('hex');
  const accounts = new Map<GridRole, { userId: string; playerId: string; username: string }>();
  for (const role of GRID_ROLES) {
    if (role === 'anonymous') continue;
    accounts.set(role, await insertUserWithPlayer(db, { username: `grid_${role}_${tag}`, ageDays: 90, roles: role === 'admin' ? ['player', 'admin'] : ['player'] }));
  }
  const admin = accounts.get('admin')!;
  await db.insert(hub.userAdminScopes).values(ADMIN_SCOPES.map((scope) => ({ userId: admin.userId, scope })));
  const region = await insertRegion(db, {
    name: `grid-region-${tag}`,
    ownerId: accounts.get('owner')!.playerId,
    governorId: accounts.get('governor')!.playerId,
    capitalSectorNumber: 1,
    desiredState: 'terminated',
    runtimeState: 'terminated',
  });
  for (const [role, type] of Object.entries(MEMBERSHIP) as [GridRole, 'visitor' | 'resident' | 'citizen'][]) {
    await db.insert(hub.regionalMemberships).values({ playerId: accounts.get(role)!.playerId, regionId: region.id, membershipType: type, votingPower: type === 'visitor' ? 0 : 1.5 });
  }
  const [nexus] = await sql<{ id: string }[]>`
    INSERT INTO regions (name, display_name, region_type, total_sectors, status, sector_id_start, sector_id_end, capital_sector_number, runtime_state)
    VALUES ('central-nexus', 'Central Nexus', 'central_nexus', 5000, 'active', 1, 5000, 2251, 'ready') RETURNING id`;
  const [cluster] = await sql<{ id: string }[]>`
    INSERT INTO clusters (region_id, cluster_number, name, cluster_type) VALUES (${nexus!.id}, 10, 'Gateway Plaza', 'TRADE_HUB') RETURNING id`;
  await sql`INSERT INTO sectors (sector_id, sector_number, region_id, cluster_id, is_capital, name)
            VALUES (2251, 2251, ${nexus!.id}, ${cluster!.id}, true, 'Nexus Capital')`;
  const [invite] = await db
    .insert(hub.regionInvites)
    .values({ code: randomBytes(16).toString('base64url'), regionId: region.id, createdBy: accounts.get('owner')!.playerId, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: hub.regionInvites.id });
  const [subscription] = await db
    .insert(hub.billingSubscriptions)
    .values({ paypalSubscriptionId: `I-GRID${tag.toUpperCase()}`, plan: 'regional_owner', playerId: accounts.get('owner')!.playerId, regionId: region.id, regionName: region.name, status: 'ACTIVE' })
    .returning({ id: hub.billingSubscriptions.id });
  const day = 86_400_000;
  // The councillor's seat, as both subgraphs read it: the completed council election they won, and its seat row.
  const councillorId = accounts.get('councillor')!.playerId;
  const [election] = await db
    .insert(hub.regionalElections)
    .values({
      regionId: region.id,
      position: 'council_member',
      seats: 3,
      candidates: [{ player_id: councillorId }],
      votingOpensAt: new Date(Date.now() - 10 * day),
      votingClosesAt: new Date(Date.now() - 3 * day),
      status: 'completed',
      winnerId: councillorId,
    })
    .returning({ id: hub.regionalElections.id });
  await db.insert(hub.regionalCouncilSeats).values({ regionId: region.id, seatNumber: 1, playerId: councillorId, electionId: election!.id, weight: 1.5 });
  const [journey] = await sql<{ id: string }[]>`
    INSERT INTO inter_regional_travels (player_id, source_region_id, destination_region_id, origin_sector_number, status, reason_code, completed_at)
    VALUES (${accounts.get('player')!.playerId}, ${nexus!.id}, ${region.id}, 2251, 'cancelled', 'grid_fixture', now()) RETURNING id`;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    journeyId: journey!.id,
    regionId: region.id,
    nexusId: nexus!.id,
    inviteId: invite!.id,
    subscriptionId: subscription!.id,
    subjects: createGridSubjects(db, sql, { regionId: region.id, proposerId: accounts.get('citizen')!.playerId, candidateId: accounts.get('citizen')!.playerId, tag }),
    playerIdOf: (role) => accounts.get(role)?.playerId ?? null,
    claimsOf(role) {
      const a = accounts.get(role);
      if (!a) return null;
      return {
        sub: a.userId,
        username: a.username,
        playerId: a.playerId,
        roles: role === 'admin' ? ['player', 'admin'] : ['player'],
        scopes: role === 'admin' ? [...ADMIN_SCOPES] : [],
        exp,
      };
    },
  };
}

/**
 * What a subgraph may say about one grid entry (file `src/grid-args.ts` of each subgraph, exported as
 * `<package>/grid-args`): argument values over the generated defaults, and for an entity field (`Region.invites`)
 * the id of the entity to read. Only needed where the generated defaults would not reach the permission check
 * with a real subject (docs/decisions/permissions.md "Adding a field").
 */
export interface GridCallOverrides {
  args?: Record<string, unknown>;
  entityId?: string;
}

/** Synchronous, or async when it creates a fresh subject for this one call (`fx.subjects`). */
export type GridArgBuilder = (fx: GridFixture, role: GridRole) => GridCallOverrides | Promise<GridCallOverrides>;

/** `'Mutation.revokeInvite'` → its builder. */
export type GridArgs = Readonly<Record<string, GridArgBuilder>>;
