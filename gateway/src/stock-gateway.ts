import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

interface StockContext {
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * A stock Apollo gateway with default settings (RemoteGraphQLDataSource, default plugins, startStandaloneServer) —
 * the benchmark's baseline. Only the subgraph URLs are overridden (the same buildService override our gateway does),
 * so both gateways talk to the same subgraph. `forwardHeaders` names request headers copied onto every subgraph fetch
 * (Apollo's documented `willSendRequest` header propagation): the bench sends the signed `x-sw-claims` headers this way,
 * because a stock gateway has no JWT verification of its own. Not used in production.
 */
export async function startStockGateway(opts: {
  supergraphSdl: string;
  subgraphUrls?: Record<string, string>;
  forwardHeaders?: string[];
  port?: number;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const overrides = opts.subgraphUrls ?? {};
  const forward = (opts.forwardHeaders ?? []).map((h) => h.toLowerCase());
  const customService = Object.keys(overrides).length > 0 || forward.length > 0;
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    ...(customService
      ? {
          buildService: ({ name, url }) =>
            new RemoteGraphQLDataSource<StockContext>({
              url: overrides[name] ?? url,
              ...(forward.length
                ? {
                    willSendRequest({ request, context }: { request: { http?: { headers: { set(k: string, v: string): void } } }; context: StockContext }) {
                      for (const h of forward) {
                        const v = context.headers?.[h];
                        if (typeof v === 'string') request.http?.headers.set(h, v);
                      }
                    },
                  }
                : {}),
            }),
        }
      : {}),
  });
  const server = new ApolloServer<StockContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: opts.port ?? 0, host: '127.0.0.1' },
    context: async ({ req }) => (forward.length ? { headers: req.headers } : {}),
  });
  return { url: url.replace(/\/$/, ''), stop: () => server.stop() };
}
