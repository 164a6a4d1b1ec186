/**
 * A subgraph reached directly (no gateway in front) enforces the shared query limits itself: over HTTP and over
 * graphql-ws, with @cost weights from its own SDL, and the standard introspection query still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { getIntrospectionQuery } from 'graphql';
import { createSubgraphService } from './create-subgraph-service.ts';
import type { SubgraphService } from './create-subgraph-service.ts';

const SECRET = 'service-kit-limits-test-internal-secret-0123456789';
const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost"])
type Query { node: Node regions: [Region!]! }
type Node { id: Int! child: Node }
type Region @key(fields: "id") { id: ID! world: Int @cost(weight: 20) }
type Subscription { nodes: Node! }
`;

const dir = mkdtempSync(join(tmpdir(), 'sw-kit-limits-'));
let svc: SubgraphService;

beforeAll(async () => {
  const sdlPath = join(dir, 'schema.graphql');
  writeFileSync(sdlPath, SDL);
  const make = (id: number): unknown => ({ id, child: id < 20 ? () => make(id + 1) : null });
  svc = await createSubgraphService({
    name: 'kit-limits',
    sdlPath,
    port: 0,
    logger: pino({ level: 'silent' }),
    internalClaimsSecret: SECRET,
    queryLimits: { maxDepth: 4, maxComplexity: 30, maxBytes: 4096, introspection: { maxDepth: 20, maxComplexity: 500 } },
    resolvers: {
      Query: { node: () => make(1), regions: () => [{ id: 'r1', world: 7 }] },
      Subscription: {
        nodes: {
          async *subscribe() {
            yield { nodes: make(1) };
          },
        },
      },
    },
  });
});

afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(query: string): Promise<{ status: number; body: FormattedExecutionResult }> {
  const res = await fetch(`${svc.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as FormattedExecutionResult };
}

const nested = (depth: number) => `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

describe('subgraph query limits over HTTP', () => {
  it('accepts depth 4 and refuses depth 5 with ERR_QUERY_TOO_DEEP', async () => {
    expect((await post(nested(4))).body.errors).toBeUndefined();
    const deep = await post(nested(5));
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('ERR_QUERY_TOO_DEEP');
  });

  it('counts @cost weights from its own SDL, also inside _entities fetches', async () => {
    expect((await post('{ regions { world } }')).body).toEqual({ data: { regions: [{ world: 7 }] } });
    const twice = await post('{ a: regions { world } b: regions { world } }');
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('ERR_QUERY_TOO_COMPLEX');
    const entities = await post('{ _entities(representations: [{__typename: "Region", id: "r1"}]) { ... on Region { a: world b: world } } }');
    expect(entities.body.errors?.[0]?.extensions?.code).toBe('ERR_QUERY_TOO_COMPLEX');
  });

  it('refuses documents over maxBytes with ERR_QUERY_TOO_LARGE', async () => {
    const r = await post(`{ regions { id } }\n#${'x'.repeat(5000)}`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('ERR_QUERY_TOO_LARGE');
  });

  it('answers the standard introspection query (bounded apart from the data limits)', async () => {
    const r = await post(getIntrospectionQuery());
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });
});

describe('subgraph query limits over graphql-ws', () => {
  it('refuses a too-deep subscription with ERR_QUERY_TOO_DEEP and runs one within limits', async () => {
    const client = createClient({ url: `${svc.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const run = (query: string) =>
        new Promise<{ data: unknown[]; errors: readonly GraphQLFormattedError[] }>((resolve) => {
          const data: unknown[] = [];
          client.subscribe(
            { query },
            {
              next: (v) => data.push(v.data),
              error: (e) => resolve({ data, errors: Array.isArray(e) ? (e as GraphQLFormattedError[]) : [{ message: String(e) }] }),
              complete: () => resolve({ data, errors: [] }),
            },
          );
        });
      const deep = await run('subscription { nodes { child { child { child { id } } } } }');
      expect(deep.errors[0]?.extensions?.code).toBe('ERR_QUERY_TOO_DEEP');
      const ok = await run('subscription { nodes { child { child { id } } } }');
      expect(ok).toEqual({ data: [{ nodes: { child: { child: { id: 3 } } } }], errors: [] });
    } finally {
      await client.dispose();
    }
  });
});
