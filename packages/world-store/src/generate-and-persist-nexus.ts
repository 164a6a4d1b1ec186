/**
 * Admin command: generate (or, with force, replace) the Central Nexus world in ONE transaction.
 *
 * Outcomes (DomainError codes): ok → PlatformWorldResult; ERR_NEXUS_EXISTS when a Nexus world exists and force
 * is false (nothing changes); ERR_GALAXY_VALIDATION_FAILED when the generated galaxy fails the gate (nothing
 * written); ERR_VALIDATION for a malformed seed. Force replaces only the Nexus's world rows (same id block,
 * same registry row): players, memberships, other regions and their tunnels stay; spoke tunnels keep pointing
 * at the Nexus capital.
 */
import type postgres from 'postgres';
import { generatePlatformWorldInTx, type PlatformWorldOptions, type PlatformWorldResult } from './generate-platform-world.ts';
import { lockPlatformWorld } from './platform-regions.ts';

export async function generateAndPersistNexus(sql: postgres.Sql, opts: PlatformWorldOptions = {}): Promise<PlatformWorldResult> {
  return sql.begin(async (tx) => {
    await lockPlatformWorld(tx);
    return generatePlatformWorldInTx(tx, 'central_nexus', opts);
  }) as Promise<PlatformWorldResult>;
}
