import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, REGENERATE_COMMAND } from './compose-supergraph.ts';
import { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSdl } from './subgraph-list.ts';

describe('supergraph', () => {
  it('composes from the subgraph SDL files without errors', () => {
    const result = composeServices(
      SUBGRAPHS.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(readSubgraphSdl(s.sdlPath)) })),
    );
    expect(result.errors?.map((e) => `${e.extensions?.code}: ${e.message}`) ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('join__Graph');
  });

  it('checked-in gateway/supergraph.graphql matches a fresh composition', () => {
    const fresh = composeSupergraph();
    const checkedIn = readFileSync(SUPERGRAPH_PATH, 'utf8');
    if (fresh !== checkedIn) {
      throw new Error(`gateway/supergraph.graphql is out of date: run \`${REGENERATE_COMMAND}\``);
    }
    expect(fresh).toBe(checkedIn);
  });

  it('routes every subgraph to its default local port', () => {
    const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    for (const s of SUBGRAPHS) expect(sdl).toContain(`url: "http://127.0.0.1:${s.port}/graphql"`);
  });
});
