import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CLUSTER_TYPES, TRADEDOCK_TIERS, ZONE_TYPES } from '@sw/domain';
import { between, createdAt, inList, tstz, uuidPk } from './sql-helpers.ts';

/** Postgres enum `cluster_type` (the 8 cluster types, see packages/domain/src/nexus-clusters.ts). Shared by the hub and region DBs. */
export const clusterType = pgEnum('cluster_type', CLUSTER_TYPES);
/** Postgres enum `zone_type`. */
export const zoneType = pgEnum('zone_type', ZONE_TYPES);

/** Station security tiers (as in the original game's station security table). */
export const STATION_SECURITY_TIERS = ['none', 'basic', 'standard', 'premium'] as const;

/**
 * Defines the world tables (zones, clusters, sectors, sector_warps, stations, planets) once for both
 * databases. The hub calls it with `regionRef` so region_id is a FK to `regions` (the Nexus and
 * Terran Space worlds live there); a region database calls it without, keeping region_id as a plain
 * column because the registry lives in another database.
 */
export function defineWorldTables(regionRef?: () => AnyPgColumn) {
  const regionId = () => {
    const col = uuid('region_id').notNull();
    return regionRef ? col.references(regionRef, { onDelete: 'cascade' }) : col;
  };

  const zones = pgTable(
    'zones',
    {
      id: uuidPk(),
      regionId: regionId(),
      name: varchar('name', { length: 200 }).notNull(),
      zoneType: zoneType('zone_type').notNull(),
      startSector: integer('start_sector').notNull(),
      endSector: integer('end_sector').notNull(),
      policingLevel: smallint('policing_level').notNull().default(5),
      dangerRating: smallint('danger_rating').notNull().default(5),
      createdAt: createdAt(),
      updatedAt: tstz('updated_at').notNull().defaultNow().$onUpdate(() => new Date()),
    },
    (t) => [
      uniqueIndex('uq_zones_region_name').on(t.regionId, t.name),
      check('zones_start_sector_positive', sql`start_sector >= 1`),
      check('zones_end_after_start', sql`end_sector >= start_sector`),
      check('zones_policing_level_range', between('policing_level', 0, 10)),
      check('zones_danger_rating_range', between('danger_rating', 0, 10)),
    ],
  );

  const clusters = pgTable(
    'clusters',
    {
      id: uuidPk(),
      regionId: regionId(),
      clusterNumber: integer('cluster_number').notNull(),
      name: varchar('name', { length: 200 }).notNull(),
      clusterType: clusterType('cluster_type').notNull().default('STANDARD'),
      sectorCount: integer('sector_count').notNull().default(0),
      isDiscovered: boolean('is_discovered').notNull().default(false),
      isHidden: boolean('is_hidden').notNull().default(false),
      discoveryRequirement: jsonb('discovery_requirement'),
      /** resource_value / danger_level / development_index / exploration_percentage (0–100), sector range, island group. */
      stats: jsonb('stats').notNull().default({}),
      economicValue: integer('economic_value').notNull().default(0),
      controllingFaction: text('controlling_faction'),
      factionInfluence: jsonb('faction_influence').notNull().default({}),
      resources: jsonb('resources').notNull().default({}),
      economicFocus: text('economic_focus').array().notNull().default(sql`'{}'::text[]`),
      navHazards: text('nav_hazards').array().notNull().default(sql`'{}'::text[]`),
      recommendedShipClass: text('recommended_ship_class'),
      x: integer('x').notNull().default(0),
      y: integer('y').notNull().default(0),
      z: integer('z').notNull().default(0),
      specialFeatures: text('special_features').array().notNull().default(sql`'{}'::text[]`),
      nebulaType: text('nebula_type'),
      quantumFieldStrength: real('quantum_field_strength'),
      colorHex: varchar('color_hex', { length: 7 }),
      warpStability: real('warp_stability').notNull().default(1),
      maxWarps: smallint('max_warps'),
      createdAt: createdAt(),
    },
    (t) => [
      uniqueIndex('uq_clusters_region_name').on(t.regionId, t.name),
      uniqueIndex('uq_clusters_region_cluster_number').on(t.regionId, t.clusterNumber),
      check('clusters_cluster_number_positive', sql`cluster_number >= 1`),
      check('clusters_sector_count_nonnegative', sql`sector_count >= 0`),
      check('clusters_economic_value_range', between('economic_value', 0, 100)),
      check('clusters_warp_stability_range', between('warp_stability', 0, 1)),
    ],
  );

  const sectors = pgTable(
    'sectors',
    {
      id: uuidPk(),
      /** Global sector id, unique across the galaxy; allocated from the region's id block. */
      sectorId: integer('sector_id').notNull().unique('uq_sectors_sector_id'),
      /** Region-local number 1..N. */
      sectorNumber: integer('sector_number').notNull(),
      regionId: regionId(),
      clusterId: uuid('cluster_id')
        .notNull()
        .references(() => clusters.id, { onDelete: 'cascade' }),
      zoneId: uuid('zone_id').references(() => zones.id, { onDelete: 'set null' }),
      name: varchar('name', { length: 100 }),
      isCapital: boolean('is_capital').notNull().default(false),
      securityLevel: smallint('security_level').notNull().default(5),
      developmentLevel: smallint('development_level').notNull().default(1),
      trafficLevel: smallint('traffic_level').notNull().default(1),
      hazardLevel: smallint('hazard_level').notNull().default(5),
      sectorType: text('sector_type').notNull().default('STANDARD'),
      isNexusProtected: boolean('is_nexus_protected').notNull().default(false),
      isOutlawZone: boolean('is_outlaw_zone').notNull().default(false),
      isNpcBarracksSector: boolean('is_npc_barracks_sector').notNull().default(false),
      specialFeatures: text('special_features').array().notNull().default(sql`'{}'::text[]`),
      resources: jsonb('resources').notNull().default({}),
      x: integer('x').notNull().default(0),
      y: integer('y').notNull().default(0),
      z: integer('z').notNull().default(0),
      createdAt: createdAt(),
    },
    (t) => [
      uniqueIndex('uq_sectors_region_sector_number').on(t.regionId, t.sectorNumber),
      // At most one capital per region ("exactly one" is checked by the generator's validation gate).
      uniqueIndex('uq_sectors_one_capital_per_region').on(t.regionId).where(sql`is_capital`),
      index('idx_sectors_sector_number').on(t.sectorNumber),
      index('idx_sectors_cluster_id').on(t.clusterId),
      index('idx_sectors_security_level').on(t.securityLevel),
      index('idx_sectors_development_traffic').on(t.developmentLevel, t.trafficLevel),
      check('sectors_sector_id_positive', sql`sector_id >= 1`),
      check('sectors_sector_number_positive', sql`sector_number >= 1`),
      check('sectors_security_level_range', between('security_level', 0, 10)),
      check('sectors_development_level_range', between('development_level', 0, 10)),
      check('sectors_traffic_level_range', between('traffic_level', 0, 10)),
      check('sectors_hazard_level_range', between('hazard_level', 0, 10)),
    ],
  );

  const sectorWarps = pgTable(
    'sector_warps',
    {
      id: uuidPk(),
      /** Region of both endpoints (warps never cross regions; cross-region links are warp_tunnels). */
      regionId: regionId(),
      fromSectorId: integer('from_sector_id')
        .notNull()
        .references(() => sectors.sectorId, { onDelete: 'cascade' }),
      toSectorId: integer('to_sector_id')
        .notNull()
        .references(() => sectors.sectorId, { onDelete: 'cascade' }),
      isBidirectional: boolean('is_bidirectional').notNull().default(true),
      /** A latent warp: a one-way warp that looks two-way until scanned. */
      isLatent: boolean('is_latent').notNull().default(false),
      turnCost: smallint('turn_cost').notNull().default(1),
      warpStability: real('warp_stability').notNull().default(1),
      createdAt: createdAt(),
    },
    (t) => [
      uniqueIndex('uq_sector_warps_from_to').on(t.fromSectorId, t.toSectorId),
      index('idx_sector_warps_to').on(t.toSectorId),
      index('idx_sector_warps_region').on(t.regionId),
      check('sector_warps_not_self', sql`from_sector_id <> to_sector_id`),
      check('sector_warps_turn_cost_positive', sql`turn_cost >= 1`),
      check('sector_warps_warp_stability_range', between('warp_stability', 0, 1)),
    ],
  );

  const stations = pgTable(
    'stations',
    {
      id: uuidPk(),
      regionId: regionId(),
      sectorId: integer('sector_id')
        .notNull()
        .references(() => sectors.sectorId, { onDelete: 'cascade' }),
      name: varchar('name', { length: 200 }).notNull(),
      stationClass: smallint('station_class').notNull().default(1),
      stationType: text('station_type').notNull().default('TRADING'),
      isStarportPrime: boolean('is_starport_prime').notNull().default(false),
      tradedockTier: varchar('tradedock_tier', { length: 1 }),
      isSpacedock: boolean('is_spacedock').notNull().default(false),
      securityTier: text('security_tier').notNull().default('basic'),
      transientSlips: integer('transient_slips').notNull().default(0),
      longTermSlips: integer('long_term_slips').notNull().default(0),
      /** Player owner, if any (no FK: region databases hold no players). */
      ownerPlayerId: uuid('owner_player_id'),
      relocationPrepaid: boolean('relocation_prepaid').notNull().default(false),
      commodities: jsonb('commodities').notNull().default({}),
      services: jsonb('services').notNull().default({}),
      createdAt: createdAt(),
    },
    (t) => [
      index('idx_stations_sector').on(t.sectorId),
      index('idx_stations_region').on(t.regionId),
      check('stations_station_class_range', between('station_class', 0, 11)),
      check('stations_tradedock_tier_valid', sql`tradedock_tier IS NULL OR ${inList('tradedock_tier', TRADEDOCK_TIERS)}`),
      check('stations_security_tier_valid', inList('security_tier', STATION_SECURITY_TIERS)),
      check('stations_slips_nonnegative', sql`transient_slips >= 0 AND long_term_slips >= 0`),
    ],
  );

  const planets = pgTable(
    'planets',
    {
      id: uuidPk(),
      regionId: regionId(),
      sectorId: integer('sector_id')
        .notNull()
        .references(() => sectors.sectorId, { onDelete: 'cascade' }),
      name: varchar('name', { length: 200 }).notNull(),
      planetType: text('planet_type').notNull().default('TERRAN'),
      habitability: smallint('habitability').notNull().default(50),
      population: bigint('population', { mode: 'number' }).notNull().default(0),
      maxPopulation: bigint('max_population', { mode: 'number' }).notNull().default(0),
      /** ≥ 1,000,000 population: a public hub that can never be claimed. */
      isPopulationHub: boolean('is_population_hub').notNull().default(false),
      /** Colony owner (no FK: region databases hold no players). */
      ownerPlayerId: uuid('owner_player_id'),
      citadelLevel: smallint('citadel_level').notNull().default(0),
      transportPrepaid: boolean('transport_prepaid').notNull().default(false),
      terminationCompensatedAt: tstz('termination_compensated_at'),
      resources: jsonb('resources').notNull().default({}),
      createdAt: createdAt(),
    },
    (t) => [
      index('idx_planets_sector').on(t.sectorId),
      index('idx_planets_region').on(t.regionId),
      index('idx_planets_owner').on(t.ownerPlayerId),
      check('planets_habitability_range', between('habitability', 0, 100)),
      check('planets_population_nonnegative', sql`population >= 0 AND max_population >= 0`),
      check('planets_citadel_level_range', between('citadel_level', 0, 5)),
    ],
  );

  return { zones, clusters, sectors, sectorWarps, stations, planets };
}
