import { Pool } from 'undici';
import { injectTraceHeaders } from '@sw/service-kit';
import { GraphQLError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './gateway-context.ts';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A subgraph's whole answer to one request, read off the wire. */
export interface SubgraphAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** A 200 JSON answer: the only kind the fast paths forward or parse themselves (anything else goes the full way). */
export function isOkJson(answer: { status: number; contentType: string }): boolean {
  return answer.status === 200 && answer.contentType.startsWith('application/json');
}

/**
 * A mutation the single-fetch fast path already sent (docs/decisions/gateway-plan-executor.md, "Mutations"): when its
 * answer cannot be forwarded as-is, the request continues down the full pipeline, whose one fetch to `serviceName`
 * with `query` takes this answer (or throws this error) instead of sending the mutation a second time.
 */
export interface HandedOverAnswer {
  serviceName: string;
  query: string;
  outcome: { answer: SubgraphAnswer } | { error: unknown };
  taken: boolean;
}

/**
 * A subgraph data source that POSTs over a keep-alive undici Pool (one per subgraph).
 *
 * Why not RemoteGraphQLDataSource: its default fetcher is make-fetch-happen (an HTTP cache layer with stream plumbing)
 * and it builds node-fetch Request/Headers objects per fetch; on a small query that is most of the gateway's own cost.
 * This source sends the same JSON body (`query`, `variables`, `operationName`), forwards only the gateway-signed claims
 * headers from the request context, and reports non-JSON replies as GraphQL errors like the stock source; a non-2xx reply
 * that carries a GraphQL `errors` array is passed through so its ERR_* codes reach the client.
 */
export class UndiciGraphQLDataSource implements GraphQLDataSource<GatewayContext> {
  readonly url: string;
  readonly pool: Pool;
  private readonly path: string;

  constructor(url: string, opts: { name?: string; connections?: number; pipelining?: number; timeoutMs?: number } = {}) {
    this.url = url;
    if (opts.name) this.name = opts.name;
    const parsed = new URL(url);
    this.path = parsed.pathname + parsed.search;
    this.pool = new Pool(parsed.origin, {
      connections: opts.connections ?? 64,
      pipelining: opts.pipelining ?? 1,
      keepAliveTimeout: 30_000,
      headersTimeout: opts.timeoutMs ?? 30_000,
      bodyTimeout: opts.timeoutMs ?? 30_000,
    });
  }

  /** The subgraph name (for error messages); set by the gateway's buildService. */
  name = 'subgraph';

  /** Sends one request; network failures become ERR_UPSTREAM_UNAVAILABLE without the upstream address. */
  private async send(body: string, headers: Record<string, string>) {
    try {
      // traceparent of the gateway request's span: the subgraph continues the same trace.
      return await this.pool.request({ path: this.path, method: 'POST', headers: injectTraceHeaders(headers), body });
    } catch (err) {
      const e = err as { code?: string; name?: string };
      throw new GraphQLError(`Service "${this.name}" is unavailable`, {
        extensions: { code: 'ERR_UPSTREAM_UNAVAILABLE', reason: e.code ?? e.name ?? 'network error' },
      });
    }
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const ctx = options.context as Partial<GatewayContext> | undefined;
    const handed = ctx?.handedOver;
    if (handed && !handed.taken && handed.serviceName === this.name && handed.query === request.query) {
      handed.taken = true;
      if ('error' in handed.outcome) throw handed.outcome.error;
      return this.interpret(handed.outcome.answer);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (ctx?.forwardHeaders) Object.assign(headers, ctx.forwardHeaders);
    if (ctx?.requestId) headers['x-request-id'] = ctx.requestId;
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
    });
    return this.interpret(await answerOf(await this.send(body, headers)));
  }

  /** A subgraph answer as the gateway's executor takes it: the GraphQL response, or the error the stock source throws. */
  private interpret(answer: SubgraphAnswer): GatewayGraphQLResponse {
    const { status, contentType } = answer;
    const text = answer.body.toString('utf8');
    const isJson = contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json');
    if (status < 200 || status >= 300) {
      let parsed: unknown = text;
      if (isJson) {
        try {
          parsed = JSON.parse(text);
        } catch {}
      }
      // A GraphQL error body (e.g. a 4xx with ERR_* codes from service-kit) is passed on as the subgraph's response so
      // the client sees the subgraph's stable codes; anything else becomes a generic upstream error.
      if (parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { errors?: unknown }).errors)) {
        return parsed as GatewayGraphQLResponse;
      }
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
      throw new GraphQLError(`${status}: subgraph request failed`, {
        extensions: { ...(code ? { code } : {}), response: { url: this.url, status, body: parsed } },
      });
    }
    if (!isJson) throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
    const json = JSON.parse(text) as unknown;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new Error('Expected JSON object response body from subgraph');
    }
    return json as GatewayGraphQLResponse;
  }

  /**
   * POSTs a prebuilt JSON body once and returns the whole answer, whatever its status (network failures throw the
   * same ERR_UPSTREAM_UNAVAILABLE error as `process`). Used for mutations, which are never sent twice.
   */
  async exchange(body: string, forwardHeaders: Record<string, string> | undefined, requestId: string): Promise<SubgraphAnswer> {
    return answerOf(await this.sendPrebuilt(body, forwardHeaders, requestId));
  }

  /** Sends a prebuilt JSON body with the forwarded claims and request id. */
  private sendPrebuilt(body: string, forwardHeaders: Record<string, string> | undefined, requestId: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'x-request-id': requestId };
    if (forwardHeaders) Object.assign(headers, forwardHeaders);
    return this.send(body, headers);
  }

  /** POSTs a prebuilt JSON body; the response when the subgraph answered 200 with JSON, else null (body discarded). */
  private async postPrebuilt(body: string, forwardHeaders: Record<string, string> | undefined, requestId: string) {
    const res = await this.sendPrebuilt(body, forwardHeaders, requestId);
    if (!isOkJson({ status: res.statusCode, contentType: contentTypeOf(res) })) {
      await res.body.dump();
      return null;
    }
    return res;
  }

  /**
   * POSTs a prebuilt JSON body and returns the raw response bytes when the subgraph answered 200 with JSON, else null.
   * Used by the single-fetch fast path, which forwards the bytes unchanged.
   */
  async fetchRaw(body: string, forwardHeaders: Record<string, string> | undefined, requestId: string): Promise<Buffer | null> {
    const res = await this.postPrebuilt(body, forwardHeaders, requestId);
    return res ? Buffer.from(await res.body.arrayBuffer()) : null;
  }

  /**
   * POSTs a prebuilt JSON body and returns the parsed JSON object when the subgraph answered 200 JSON, else null.
   * Used by the compiled-plan executor (plan-executor.ts), which falls back to the full pipeline on null.
   */
  async fetchJson(body: string, forwardHeaders: Record<string, string> | undefined, requestId: string): Promise<{ data?: unknown; errors?: unknown } | null> {
    const res = await this.postPrebuilt(body, forwardHeaders, requestId);
    if (!res) return null;
    const json = (await res.body.json()) as unknown;
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as { data?: unknown; errors?: unknown }) : null;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

type UndiciResponse = Awaited<ReturnType<Pool['request']>>;

const contentTypeOf = (res: UndiciResponse): string => String(res.headers['content-type'] ?? '');

/** Reads a whole response off the wire. */
async function answerOf(res: UndiciResponse): Promise<SubgraphAnswer> {
  return { status: res.statusCode, contentType: contentTypeOf(res), body: Buffer.from(await res.body.arrayBuffer()) };
}
