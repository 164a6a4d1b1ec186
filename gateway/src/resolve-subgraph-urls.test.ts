import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveSubgraphUrls } from './server.ts';
import { SUPERGRAPH_PATH } from './subgraph-list.ts';

const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');

describe('resolveSubgraphUrls', () => {
  it('uses the supergraph defaults when nothing is configured', () => {
    expect(resolveSubgraphUrls(sdl, {}, {}).region).toBe('http://127.0.0.1:4002/graphql');
  });

  it('follows <NAME>_PORT so a platform on other ports never talks to the default one', () => {
    expect(resolveSubgraphUrls(sdl, {}, { REGION_PORT: '18002' }).region).toBe('http://127.0.0.1:18002/graphql');
  });

  it('prefers <NAME>_URL over <NAME>_PORT, and an explicit override over both', () => {
    const env = { REGION_PORT: '18002', REGION_URL: 'http://region.internal:9000' };
    expect(resolveSubgraphUrls(sdl, {}, env).region).toBe('http://region.internal:9000/graphql');
    expect(resolveSubgraphUrls(sdl, { region: 'http://x:1' }, env).region).toBe('http://x:1/graphql');
  });
});
