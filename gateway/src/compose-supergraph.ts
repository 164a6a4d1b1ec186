import { writeFileSync, readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSdl } from './subgraph-list.ts';

/**
 * Composes the supergraph from the subgraphs' SDL files. The URLs baked into @join__graph are the default local ports;
 * the gateway overrides them per subgraph from `<NAME>_URL` at run time.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: `http://127.0.0.1:${s.port}/graphql`,
      typeDefs: parse(readSubgraphSdl(s.sdlPath)),
    })),
  );
  if (result.errors) {
    const lines = result.errors.map((e) => `- ${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
    throw new Error(`Supergraph composition failed:\n${lines.join('\n')}`);
  }
  return result.supergraphSdl;
}

export const REGENERATE_COMMAND = 'pnpm run compose';

if (import.meta.main) {
  const sdl = composeSupergraph();
  let previous = '';
  try {
    previous = readFileSync(SUPERGRAPH_PATH, 'utf8');
  } catch {}
  writeFileSync(SUPERGRAPH_PATH, sdl);
  console.log(previous === sdl ? `supergraph unchanged: ${SUPERGRAPH_PATH}` : `supergraph written: ${SUPERGRAPH_PATH}`);
}
