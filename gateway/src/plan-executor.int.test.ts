/**
 * The compiled-plan executor (plan-executor.ts, docs/decisions/gateway-plan-executor.md) answers exactly like a stock
 * ApolloGateway: three real subgraphs (service-kit) composed into a supergraph, our gateway and a stock gateway on it,
 * and every query compared byte for byte (parsed JSON) — plus the proof that the compiled path served the eligible
 * ones (its Prometheus counter) and that everything else (a null in a non-null field, a subgraph error, invalid
 * variables, fragments) went through the full pipeline and still matched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import pino from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphService, type SubgraphService } from '@sw/service-kit';
import { DomainError } from '@sw/domain';
import { startGateway, type RunningGateway } from './server.ts';
import { startStockGateway } from './stock-gateway.ts';

const INTERNAL_SECRET = 'plan-executor-test-internal-secret-0123456789';
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const SDL = {
  catalog: `${LINK}
    type Query { items(first: Int = 10): [Item!]! broken: [Item!]! failing: [Item!]! ghosts: [Item!]! shop: Shop! }
    type Item @key(fields: "id") { id: ID! name: String! tags: [String!]! category: Category }
    type Category @key(fields: "id") { id: ID! title: String! }
    type Shop { name: String! }`,
  pricing: `${LINK}
    type Item @key(fields: "id") { id: ID! price: Float! discount: Float }`,
  reviews: `${LINK}
    type Item @key(fields: "id") { id: ID! reviews: [Review!]! }
    type Category @key(fields: "id") { id: ID! ranking: Int }
    type Review { stars: Int! comment: String }`,
};

const items = Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, name: `Item ${i}`, tags: i % 3 ? ['a', `t${i}`] : [], categoryId: i % 4 ? `c${i % 4}` : null }));
const itemById = (id: string) => items.find((i) => i.id === id) ?? { id, name: `Item ${id}`, tags: [], categoryId: null };

const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-plan-executor-'));
const silent = pino({ level: 'silent' });
let subgraphs: SubgraphService[] = [];
let ours: RunningGateway;
let stock: Awaited<ReturnType<typeof startStockGateway>>;

async function startSubgraph(name: keyof typeof SDL, resolvers: Record<string, unknown>): Promise<SubgraphService> {
  const sdlPath = path.join(dir, `${name}.graphql`);
  writeFileSync(sdlPath, SDL[name]);
  return createSubgraphService({ name, sdlPath, port: 0, host: '127.0.0.1', logger: silent, internalClaimsSecret: INTERNAL_SECRET, resolvers } as never);
}

beforeAll(async () => {
  const catalog = await startSubgraph('catalog', {
    Query: {
      items: (_: unknown, a: { first: number }) => items.slice(0, a.first),
      broken: () => [itemById('broken'), items[1]],
      failing: () => [items[0], itemById('boom')],
      ghosts: () => [items[2], itemById('ghost')],
      shop: () => ({ name: 'Shop' }),
    },
    Item: {
      __resolveReference: (ref: { id: string }) => itemById(ref.id),
      category: (i: { categoryId: string | null }) => (i.categoryId ? { id: i.categoryId, title: `Category ${i.categoryId}` } : null),
    },
    Category: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, title: `Category ${ref.id}` }) },
  });
  const pricing = await startSubgraph('pricing', {
    Item: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      // null in a non-null field for 'broken': the gateway bubbles it up and reports an error.
      price: (i: { id: string }) => (i.id === 'broken' ? null : Number(i.id.slice(1)) * 2.5),
      discount: (i: { id: string }) => (Number(i.id.slice(1)) % 2 ? 0.1 : null),
    },
  });
  const reviews = await startSubgraph('reviews', {
    Item: {
      // An entity the subgraph does not know: `_entities` answers null for it, without an error.
      __resolveReference: (ref: { id: string }) => (ref.id === 'ghost' ? null : { id: ref.id }),
      reviews: (i: { id: string }) => {
        if (i.id === 'boom') throw new DomainError('ERR_VALIDATION', 'reviews unavailable for boom');
        return [{ stars: 4, comment: null }, { stars: 5, comment: `great ${i.id}` }];
      },
    },
    Category: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), ranking: (c: { id: string }) => (c.id === 'c2' ? null : Number(c.id.slice(1))) },
  });
  subgraphs = [catalog, pricing, reviews];
  const composed = composeServices(
    (['catalog', 'pricing', 'reviews'] as const).map((name, i) => ({ name, url: `${subgraphs[i]!.url}/graphql`, typeDefs: parse(SDL[name]) })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphSdl = composed.supergraphSdl;
  ours = await startGateway({ port: 0, host: '127.0.0.1', supergraphSdl, internalSecret: INTERNAL_SECRET, logger: silent, rateLimits: { enabled: false } });
  stock = await startStockGateway({ supergraphSdl });
}, 60_000);

afterAll(async () => {
  await ours?.stop();
  await stock?.stop();
  for (const s of subgraphs) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.body.json();
}

async function compiledHits(): Promise<number> {
  const res = await request(`${ours.url}/metrics`);
  const m = /^sw_gateway_compiled_plan_responses_total\{[^}]*\} (\d+)/m.exec(await res.body.text());
  return m ? Number(m[1]) : 0;
}

/** Sends the request to both gateways three times (the first plans, the next ones may take the compiled path). */
async function compare(body: { query: string; variables?: unknown; operationName?: string }) {
  const before = await compiledHits();
  const expected = await post(`${stock.url}/`, body);
  for (let i = 0; i < 3; i++) expect(await post(`${ours.url}/graphql`, body)).toEqual(expected);
  return { expected, compiled: (await compiledHits()) - before };
}

describe('compiled plans answer like a stock gateway', () => {
  it('regions-style page joined over three subgraphs (parallel entity fetches)', async () => {
    const { expected, compiled } = await compare({ query: '{ items(first: 10) { id name tags price discount reviews { stars comment } } }' });
    expect((expected as { data: { items: unknown[] } }).data.items).toHaveLength(10);
    expect(compiled).toBe(2);
  });

  it('nested entity path (items.@.category) where the key is not selected, with nullable nulls', async () => {
    const { expected, compiled } = await compare({ query: 'query Dash { shop { name } list: items(first: 12) { name category { title ranking } } }', operationName: 'Dash' });
    const list = (expected as { data: { list: Array<{ category: { ranking: number | null } | null }> } }).data.list;
    expect(list.some((i) => i.category === null)).toBe(true);
    expect(list.some((i) => i.category?.ranking === null)).toBe(true);
    expect(compiled).toBe(2);
  });

  it('variables: valid ones are forwarded, invalid ones get the pipeline error', async () => {
    const query = 'query Page($n: Int) { items(first: $n) { name price } }';
    expect((await compare({ query, variables: { n: 3 } })).compiled).toBe(2);
    const bad = await compare({ query, variables: { n: 'three' } });
    expect(bad.compiled).toBe(0);
    expect((bad.expected as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });

  it('a null in a non-null field is bubbled up with an error by the full pipeline', async () => {
    const { expected, compiled } = await compare({ query: '{ broken { id price } }' });
    expect((expected as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    expect(compiled).toBe(0);
  });

  it('an entity the subgraph answers null for (no error) is reported by the full pipeline', async () => {
    const { expected, compiled } = await compare({ query: '{ ghosts { id name reviews { stars } } }' });
    // The stock gateway bubbles the missing non-null field up to data: null and reports it under extensions.
    expect(expected).toMatchObject({ data: null, extensions: { valueCompletion: [{ path: ['ghosts', 1, 'reviews'] }] } });
    expect(compiled).toBe(0);
  });

  it('a subgraph error goes to the full pipeline (partial data and the error, as the stock gateway)', async () => {
    const { expected, compiled } = await compare({ query: '{ failing { id reviews { stars } } }' });
    expect((expected as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    expect(compiled).toBe(0);
  });

  it('operations with fragments or directives are not compiled (and still match)', async () => {
    expect((await compare({ query: '{ items(first: 2) { ...F } } fragment F on Item { name price }' })).compiled).toBe(0);
    expect((await compare({ query: '{ items(first: 2) { name price @include(if: true) } }' })).compiled).toBe(0);
  });
});
