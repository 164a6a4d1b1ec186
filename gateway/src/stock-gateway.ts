import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

/**
 * A stock Apollo gateway with default settings (RemoteGraphQLDataSource, default plugins, startStandaloneServer) —
 * the benchmark's baseline. Only the subgraph URLs are overridden (the same buildService override our gateway does),
 * so both gateways talk to the same subgraph. Not used in production.
 */
export async function startStockGateway(opts: {
  supergraphSdl: string;
  subgraphUrls?: Record<string, string>;
  port?: number;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const overrides = opts.subgraphUrls ?? {};
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    ...(Object.keys(overrides).length
      ? {
          buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: overrides[name] ?? url }),
        }
      : {}),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: opts.port ?? 0, host: '127.0.0.1' } });
  return { url: url.replace(/\/$/, ''), stop: () => server.stop() };
}
