import DataLoader from 'dataloader';
import type postgres from 'postgres';
import { planetsBySectorIds, stationsBySectorIds, warpsToBySectorIds, type PlanetView, type StationView } from './nexus-queries.ts';

/** Per-request batch loaders keyed by global sector id (one query per field for a whole list of sectors). */
export interface NexusLoaders {
  warpsTo: DataLoader<number, number[]>;
  stations: DataLoader<number, StationView[]>;
  planets: DataLoader<number, PlanetView[]>;
}

export function createNexusLoaders(sql: postgres.Sql): NexusLoaders {
  return {
    warpsTo: new DataLoader((ids) => warpsToBySectorIds(sql, ids)),
    stations: new DataLoader((ids) => stationsBySectorIds(sql, ids)),
    planets: new DataLoader((ids) => planetsBySectorIds(sql, ids)),
  };
}
