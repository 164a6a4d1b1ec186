import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveSubgraphUrls } from './server.ts';
import { SUPERGRAPH_PATH } from './subgraph-list.ts';

const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');

describe('resolveSubgraphUrls', () => {
  it('uses the supergraph defaults without env', () => {
    expect(resolveSubgraphUrls(sdl, {}, {}).nexus).toBe('http://127.0.0.1:4001/graphql');
  });

  it('follows <NAME>_PORT on loopback, so a platform on another port base never talks to the default ports', () => {
    const urls = resolveSubgraphUrls(sdl, {}, { NEXUS_PORT: '13001', REGION_PORT: '13002', GOVERNANCE_PORT: '13003', ORCHESTRATOR_PORT: '13004' });
    expect(urls).toEqual({
      governance: 'http://127.0.0.1:13003/graphql',
      nexus: 'http://127.0.0.1:13001/graphql',
      orchestrator: 'http://127.0.0.1:13004/graphql',
      region: 'http://127.0.0.1:13002/graphql',
    });
  });

  it('prefers an explicit option, then <NAME>_URL, over <NAME>_PORT', () => {
    const env = { NEXUS_PORT: '13001', NEXUS_URL: 'http://central-nexus-server:8080', REGION_PORT: '13002' };
    const urls = resolveSubgraphUrls(sdl, { region: 'http://10.0.0.5:4002' }, env);
    expect(urls.nexus).toBe('http://central-nexus-server:8080/graphql');
    expect(urls.region).toBe('http://10.0.0.5:4002/graphql');
  });
});
