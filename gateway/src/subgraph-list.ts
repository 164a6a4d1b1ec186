import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORTS } from '@sw/config';

/** Where each subgraph's SDL contract lives (the file the subgraph itself loads) and its default URL. */
export const SUBGRAPHS = [
  { name: 'nexus', sdlPath: 'subgraphs/nexus/schema.graphql', port: PORTS.nexus },
  { name: 'region', sdlPath: 'subgraphs/region/schema.graphql', port: PORTS.region },
  { name: 'governance', sdlPath: 'subgraphs/governance/schema.graphql', port: PORTS.governance },
  { name: 'orchestrator', sdlPath: 'orchestrator/schema.graphql', port: PORTS.orchestrator },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** Repository root (this file sits in gateway/src). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const SUPERGRAPH_PATH = join(REPO_ROOT, 'gateway', 'supergraph.graphql');

export function readSubgraphSdl(sdlPath: string): string {
  return readFileSync(join(REPO_ROOT, sdlPath), 'utf8');
}
