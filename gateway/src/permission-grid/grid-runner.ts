/**
 * Calls one grid entry as one role against the owning subgraph with gateway-signed forwarded claims (HTTP for
 * queries and mutations, graphql-ws for subscriptions) and reports the first error code, or null when the call was
 * not refused (data, or a subscription that stayed open through the settle window).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { encodeForwardedClaims, type Claims } from '@sw/auth';
import type { GridFixture, GridArgs } from '@sw/testing';
import { argumentsFor, operationFor, type GridEntry } from './grid-plan.ts';

export interface GridOutcome {
  /** First error code, HIDDEN (see below), or null for an answer without errors. */
  code: string | null;
  message?: string;
}

/**
 * Outcome of an entity field that answered null without an error: private fields that strangers see as null
 * (Player.credits, Player.memberships) are refused that way. The grid counts it as a refusal for the roles a rule
 * leaves out, and as a failure for the roles it names (the fixture's subject always has a value).
 */
export const HIDDEN = 'HIDDEN';

/** How long an allowed subscription must stay open without a refusal to count as accepted. */
export const SUBSCRIPTION_SETTLE_MS = 1500;

/** The document and variables of one call; an async builder creates this call's fresh subject here. */
async function callFor(entry: GridEntry, fx: GridFixture, args: GridArgs, role: Parameters<GridFixture['claimsOf']>[0]) {
  const overrides = (await args[entry.key]?.(fx, role)) ?? {};
  const values = argumentsFor(entry, { regionId: fx.regionId, uuid: randomUUID }, overrides.args);
  const op = operationFor(entry, values);
  if (entry.kind === 'entity') {
    const id = overrides.entityId ?? (entry.typeName === 'Player' ? fx.playerIdOf('owner')! : fx.regionId);
    op.variables.__representations = [{ __typename: entry.typeName, id }];
  }
  return op;
}

async function viaHttp(url: string, document: string, variables: Record<string, unknown>, claims: Claims | null, entityField?: string): Promise<GridOutcome> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(claims ? encodeForwardedClaims(claims) : {}) },
    body: JSON.stringify({ query: document, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json()) as { data?: { _entities?: (Record<string, unknown> | null)[] }; errors?: { message: string; extensions?: { code?: string } }[] };
  const first = body.errors?.[0];
  if (first) return { code: first.extensions?.code ?? 'NO_CODE', message: first.message };
  if (entityField !== undefined) {
    const entity = body.data?._entities?.[0];
    if (entity === null || entity === undefined || entity[entityField] === null || entity[entityField] === undefined) return { code: HIDDEN };
  }
  return { code: null };
}

async function viaWebSocket(url: string, document: string, variables: Record<string, unknown>, claims: Claims | null): Promise<GridOutcome> {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: claims ? encodeForwardedClaims(claims) : {},
  });
  try {
    return await new Promise<GridOutcome>((resolve) => {
      const settle = setTimeout(() => resolve({ code: null }), SUBSCRIPTION_SETTLE_MS);
      const done = (o: GridOutcome) => {
        clearTimeout(settle);
        resolve(o);
      };
      client.subscribe(
        { query: document, variables },
        {
          next: (r) => {
            const first = r.errors?.[0];
            done(first ? { code: String((first.extensions as { code?: unknown } | undefined)?.code ?? 'NO_CODE'), message: first.message } : { code: null });
          },
          error: (err: unknown) => {
            const list = Array.isArray(err) ? (err as { message: string; extensions?: { code?: string } }[]) : [];
            const closeCode = (err as { code?: number }).code;
            done(list[0] ? { code: list[0].extensions?.code ?? 'NO_CODE', message: list[0].message } : { code: `CLOSE_${closeCode ?? 'unknown'}` });
          },
          complete: () => done({ code: null }),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

export async function runGridCall(
  entry: GridEntry,
  role: Parameters<GridFixture['claimsOf']>[0],
  fx: GridFixture,
  args: GridArgs,
  urls: Record<string, string>,
): Promise<GridOutcome> {
  const url = urls[entry.subgraph];
  if (!url) return { code: `NO_URL_FOR_${entry.subgraph}` };
  const { document, variables } = await callFor(entry, fx, args, role);
  const claims = fx.claimsOf(role);
  if (entry.kind === 'subscription') return viaWebSocket(url, document, variables, claims);
  return viaHttp(url, document, variables, claims, entry.kind === 'entity' ? entry.fieldName : undefined);
}
