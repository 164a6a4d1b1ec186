import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { createSubgraphService } from '@sw/service-kit';
import type { RequestContext } from '@sw/service-kit';
import { DomainError } from '@sw/domain';
import type { ErrorCode } from '@sw/domain';

/** SDL of the echo subgraph used by the gateway integration tests (a real subgraph built with service-kit). */
export const ECHO_SDL_PATH = fileURLToPath(new URL('./echo-subgraph.graphql', import.meta.url));

const items = Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, name: `Item ${i}`, score: i * 1.5 }));

/** Starts the echo subgraph on a random port. Its `whoami` returns the claims service-kit decoded from the request. */
export async function startEchoSubgraph(opts: { internalClaimsSecret?: string } = {}) {
  const counters = new Map<string, number>();
  return createSubgraphService<RequestContext>({
    name: 'echo',
    sdlPath: ECHO_SDL_PATH,
    port: 0,
    logger: pino({ level: 'silent' }),
    ...(opts.internalClaimsSecret ? { internalClaimsSecret: opts.internalClaimsSecret } : {}),
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, ctx: RequestContext) => ({
          sub: ctx.claims?.sub ?? null,
          username: ctx.claims?.username ?? null,
          playerId: ctx.claims?.playerId ?? null,
          roles: ctx.claims?.roles ?? [],
        }),
        node: () => {
          const make = (id: number): unknown => ({ id, child: id < 40 ? () => make(id + 1) : null });
          return make(1);
        },
        items: () => items,
        item: (_: unknown, args: { id: string }) => items.find((i) => i.id === args.id) ?? null,
        itemsPage: (_: unknown, args: { first: number; prefix?: string | null }) =>
          items.filter((i) => !args.prefix || i.name.startsWith(args.prefix)).slice(0, args.first),
        fail: (_: unknown, args: { code: string }) => {
          throw new DomainError(args.code as ErrorCode, `failing with ${args.code}`);
        },
        counter: (_: unknown, args: { key: string }) => counters.get(args.key) ?? 0,
      },
      Mutation: {
        bump: (_: unknown, args: { key: string; fail: boolean }) => {
          const n = (counters.get(args.key) ?? 0) + 1;
          counters.set(args.key, n);
          if (args.fail) throw new DomainError('ERR_CONFLICT', `bump ${args.key} ran (${n}) and failed`);
          return n;
        },
      },
      Subscription: {
        ticks: {
          async *subscribe() {
            yield { ticks: 1 };
          },
        },
      },
    },
  });
}

/** A supergraph with the echo subgraph alone, routed to `url` (base URL). */
export function echoSupergraph(url: string): string {
  const result = composeServices([{ name: 'echo', url: `${url}/graphql`, typeDefs: parse(readFileSync(ECHO_SDL_PATH, 'utf8')) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
