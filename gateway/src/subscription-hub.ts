/**
 * The planner bridge's shared state:
 *
 *   Upstream  — one graphql-ws subscription (one socket) to the owning subgraph per
 *               key = subgraph + primary operation + used variables + auth scope.
 *   View      — per distinct client operation on that upstream (query text, operation name, variables): runs the rest of
 *               the plan through executeQueryPlan ONCE per event (stub data source answers the primary fetch with the
 *               event), serializes the result ONCE with a monotonic `extensions.seq`, and fans it out.
 *   Subscriber— one client subscription (socket + id), see subscription-fanout.ts.
 *
 * Events of one view are processed strictly in order. A view of a `latest` field keeps only the newest unprocessed
 * event and replays its last payload to late joiners; a `fifo` view keeps a bounded input queue.
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { executeQueryPlan } from '@apollo/gateway';
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import type { Logger } from 'pino';
import { encodeForwardedClaims } from '@sw/auth';
import type { Claims } from '@sw/auth';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.ts';
import { DrainScheduler, FanoutSubscriber, deliverTogether, serializePayload, type FrameSocket, type RawFrameSink, type SerializedEvent } from './subscription-fanout.ts';
import type { FanoutLimits } from './subscription-fanout.ts';
import { SUBSCRIPTION_CODES } from './subscription-delivery-modes.ts';
import { UndiciGraphQLDataSource } from './undici-data-source.ts';
import type { GatewayContext } from './gateway-context.ts';

/** Thrown out of a client's iterator to make graphql-ws send an `error` message with these formatted errors. */
export class SubscriptionTerminated extends Error {
  readonly errors: GraphQLFormattedError[];
  constructor(errors: GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'subscription terminated');
    this.errors = errors;
  }
}

export interface HubOptions {
  planner: SubscriptionPlanner;
  /** GraphQL URL per subgraph name (the same map the HTTP gateway uses). */
  subgraphUrls: Record<string, string>;
  internalSecret: string;
  logger: Logger;
  limits?: Partial<FanoutLimits>;
  /** Max unprocessed events per fifo view before the oldest is dropped (default 10,000). */
  viewQueueCapacity?: number;
  /** Reconnect attempts of an upstream socket before its subscribers get SUBSCRIPTION_UPSTREAM_UNAVAILABLE (default 5). */
  upstreamRetryAttempts?: number;
}

export interface HubStats {
  upstreams: number;
  views: number;
  subscribers: number;
  backlogged: number;
  eventsReceived: number;
  executions: number;
  /** Delivery passes over views' subscribers; fewer than events when queued events went out together. */
  deliveryPasses: number;
}

interface QueuedItem {
  seq: number;
  result: ExecutionResult;
}

/** Auth scope part of the dedup key: identity and permissions, not the token's expiry. */
export function authScopeOf(claims: Claims | null): string {
  if (!claims) return 'anonymous';
  return JSON.stringify([claims.sub, claims.username, claims.playerId, [...claims.roles].sort(), [...claims.scopes].sort()]);
}

/** Deterministic JSON (sorted object keys) for variable values in keys. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`;
}

function toWsUrl(httpUrl: string): string {
  const u = new URL(httpUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

function formatErrors(errors: readonly unknown[]): GraphQLFormattedError[] {
  return errors.map((e) => (e instanceof GraphQLError ? e.toJSON() : (e as GraphQLFormattedError)));
}

/** A client subscription as graphql-ws sees it: an async iterator that yields nothing (frames are written directly). */
export class ClientSubscription implements AsyncIterableIterator<never> {
  readonly fanout: FanoutSubscriber;
  private view: View | undefined;
  private waiter: { resolve: (r: IteratorResult<never>) => void; reject: (e: unknown) => void } | undefined;
  private ended: { error?: SubscriptionTerminated } | undefined;

  constructor(fanout: FanoutSubscriber, view: View) {
    this.fanout = fanout;
    this.view = view;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<never>> {
    if (this.ended) return this.ended.error ? Promise.reject(this.ended.error) : Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** Client sent `complete` or disconnected. */
  return(): Promise<IteratorResult<never>> {
    this.detach();
    this.finish(undefined);
    return Promise.resolve({ done: true, value: undefined });
  }

  /** Ends from the server side: normally (graphql-ws sends `complete`) or with errors (`error` message). */
  end(errors?: GraphQLFormattedError[]): void {
    this.view = undefined;
    this.fanout.close();
    this.finish(errors ? new SubscriptionTerminated(errors) : undefined);
  }

  private detach(): void {
    const view = this.view;
    this.view = undefined;
    this.fanout.close();
    view?.remove(this);
  }

  private finish(error: SubscriptionTerminated | undefined): void {
    if (this.ended) return;
    this.ended = error ? { error } : {};
    const w = this.waiter;
    this.waiter = undefined;
    if (!w) return;
    if (error) w.reject(error);
    else w.resolve({ done: true, value: undefined });
  }
}

/** Most queued events delivered in one pass (one writev per socket for all of them). */
export const MAX_EVENTS_PER_FLUSH = 16;

/** One client operation on one upstream: executes the plan per event and fans the serialized result out. */
export class View {
  readonly key: string;
  readonly plan: PlannedSubscription;
  readonly subscribers = new Set<ClientSubscription>();
  private readonly upstream: Upstream;
  private readonly requestContext: Record<string, unknown>;
  private readonly queue: QueuedItem[] = [];
  private running = false;
  private endAfterQueue: GraphQLFormattedError[] | null | undefined;
  private last: SerializedEvent | undefined;

  constructor(key: string, plan: PlannedSubscription, variables: Record<string, unknown>, upstream: Upstream, requestId: string) {
    this.key = key;
    this.plan = plan;
    this.upstream = upstream;
    // Entity fetches carry the scope's freshest signed claims (the scope outlives any single client's token).
    const context = {
      requestId,
      get claims() {
        return upstream.currentClaims;
      },
      get forwardHeaders() {
        return upstream.forwardHeaders();
      },
    } satisfies GatewayContext;
    this.requestContext = {
      request: { query: '', variables, operationName: plan.operationContext.operation.name?.value },
      context,
      logger: upstream.hub.logger,
      metrics: {},
      cache: undefined,
    };
  }

  add(sub: ClientSubscription): void {
    this.subscribers.add(sub);
    // A latest-only stream has a current value: a client joining a running upstream gets it at once.
    if (this.plan.mode === 'latest' && this.last) sub.fanout.push(this.last);
  }

  remove(sub: ClientSubscription): void {
    if (!this.subscribers.delete(sub)) return;
    if (this.subscribers.size === 0) this.upstream.removeView(this);
  }

  enqueue(item: QueuedItem): void {
    if (this.plan.mode === 'latest') {
      if (this.queue.length > 0) this.queue.length = 0; // coalesce: only the newest unprocessed event matters
    } else if (this.queue.length >= this.upstream.hub.viewQueueCapacity) {
      this.queue.shift();
      this.upstream.hub.logger.warn({ view: this.plan.fieldName }, 'subscription view queue full; dropping oldest event');
    }
    this.queue.push(item);
    if (!this.running) void this.run();
  }

  /** Ends every subscriber after the queued events were delivered (upstream complete/error). */
  endWhenDrained(errors: GraphQLFormattedError[] | null): void {
    this.endAfterQueue = errors;
    if (!this.running) void this.run();
  }

  /** Ends every subscriber now (reload, shutdown). */
  endNow(errors?: GraphQLFormattedError[]): void {
    this.queue.length = 0;
    for (const s of [...this.subscribers]) s.end(errors);
    this.subscribers.clear();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && this.subscribers.size > 0) {
        // Events that queued up while the previous delivery ran (the gateway is behind) go out together: their entity
        // fetches run concurrently and every socket gets ONE writev for all of them, so syscalls per delivery fall as
        // load rises. In step with the events, one at a time is the common case.
        const items = this.queue.splice(0, MAX_EVENTS_PER_FLUSH);
        const results = await Promise.all(items.map((item) => this.execute(item.result)));
        const events = items.map((item, i): SerializedEvent => ({ seq: item.seq, payload: serializePayload(results[i]!, item.seq) }));
        this.last = events[events.length - 1];
        this.upstream.hub.deliveryPasses += deliverTogether(events, this.subscribers, this.upstream.hub.scheduler.limits.highWaterBytes / 2);
      }
    } finally {
      this.running = false;
    }
    if (this.endAfterQueue !== undefined) {
      const errors = this.endAfterQueue;
      this.endAfterQueue = undefined;
      this.endNow(errors ?? undefined);
    }
  }

  /** executeQueryPlan over Sequence[primary, rest] with the primary answered by the upstream event. */
  private async execute(event: ExecutionResult): Promise<{ data?: unknown; errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> }> {
    const hub = this.upstream.hub;
    const primary = this.plan.primary;
    if (event.data === null || event.data === undefined) return { errors: formatErrors(event.errors ?? []) };
    const real = hub.dataSource(primary.serviceName);
    const stub: GraphQLDataSource = {
      process: (options) =>
        options.request.query === primary.operation ? Promise.resolve(event as never) : real.process(options as never),
    };
    const serviceMap: ServiceMap = { ...hub.serviceMap(), [primary.serviceName]: stub };
    hub.executions += 1;
    try {
      const out = await executeQueryPlan(
        this.plan.execPlan,
        serviceMap,
        this.requestContext as never,
        this.plan.operationContext,
        hub.planner.supergraphSchema,
        hub.planner.apiSchema,
      );
      return {
        ...(out.data !== undefined ? { data: out.data } : {}),
        ...(out.errors ? { errors: formatErrors(out.errors) } : {}),
      };
    } catch (err) {
      hub.logger.error({ err }, 'subscription event execution failed');
      return { errors: [{ message: 'Internal error while resolving the subscription event', extensions: { code: 'ERR_INTERNAL' } }] };
    }
  }
}

/** One upstream graphql-ws subscription shared by every view with the same primary operation, variables and scope. */
export class Upstream {
  readonly key: string;
  readonly hub: SubscriptionHub;
  readonly views = new Map<string, View>();
  private claims: Claims | null;
  private client: Client | undefined;
  private unsubscribe: (() => void) | undefined;
  private seq = 0;
  private closed = false;

  constructor(key: string, hub: SubscriptionHub, claims: Claims | null) {
    this.key = key;
    this.hub = hub;
    this.claims = claims;
  }

  get currentClaims(): Claims | null {
    return this.claims;
  }

  /** Signed x-sw-claims headers of the scope (cached until the claims change). */
  forwardHeaders(): Record<string, string> | undefined {
    if (!this.claims) return undefined;
    if (this.signedFor !== this.claims) {
      this.signed = encodeForwardedClaims(this.claims, this.hub.internalSecret);
      this.signedFor = this.claims;
    }
    return this.signed;
  }

  private signed: Record<string, string> | undefined;
  private signedFor: Claims | null = null;

  /** Keeps the longest-lived claims of the scope for (re)connections. */
  offerClaims(claims: Claims | null): void {
    if (claims && this.claims && claims.exp > this.claims.exp) this.claims = claims;
  }

  start(plan: PlannedSubscription, variables: Record<string, unknown>): void {
    const primary = plan.primary;
    const used: Record<string, unknown> = {};
    for (const name of primary.variableUsages ?? []) if (name in variables) used[name] = variables[name];
    const url = this.hub.subgraphUrls[primary.serviceName] ?? this.hub.planner.subgraphUrls[primary.serviceName];
    if (!url) {
      this.fail([{ message: `No URL for subgraph "${primary.serviceName}"`, extensions: { code: SUBSCRIPTION_CODES.upstreamUnavailable } }]);
      return;
    }
    this.client = createClient({
      url: toWsUrl(url),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: this.hub.upstreamRetryAttempts,
      connectionParams: () => (this.claims ? encodeForwardedClaims(this.claims, this.hub.internalSecret) : {}),
      on: {
        // Events published while the upstream socket was down are lost: tell fifo clients so they resync.
        connected: (_socket, _payload, wasRetry) => {
          if (!wasRetry) return;
          this.hub.logger.warn({ subgraph: primary.serviceName }, 'upstream subscription socket reconnected; events may have been missed');
          for (const v of this.views.values()) for (const s of v.subscribers) s.fanout.signalGap('UPSTREAM_RECONNECTED');
        },
      },
    });
    this.unsubscribe = this.client.subscribe<Record<string, unknown>>(
      { query: primary.operation, variables: used, ...(primary.operationName ? { operationName: primary.operationName } : {}) },
      {
        next: (result) => this.onEvent(result as ExecutionResult),
        error: (err) => this.fail(upstreamErrors(err)),
        complete: () => this.finish(null),
      },
    );
  }

  private onEvent(result: ExecutionResult): void {
    if (this.closed) return;
    this.hub.eventsReceived += 1;
    const item: QueuedItem = { seq: ++this.seq, result };
    for (const v of this.views.values()) v.enqueue(item);
  }

  private fail(errors: GraphQLFormattedError[]): void {
    this.finish(errors);
  }

  /** Upstream completed (errors null) or failed: views deliver what they have queued, then end. */
  private finish(errors: GraphQLFormattedError[] | null): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.dropUpstream(this);
    for (const v of this.views.values()) v.endWhenDrained(errors);
    void this.disposeClient();
  }

  removeView(view: View): void {
    this.views.delete(view.key);
    if (this.views.size === 0 && !this.closed) {
      this.closed = true;
      this.hub.dropUpstream(this);
      void this.disposeClient();
    }
  }

  /** Ends every view now (reload/shutdown) and closes the upstream socket. */
  terminate(errors: GraphQLFormattedError[]): Promise<void> {
    this.closed = true;
    for (const v of this.views.values()) v.endNow(errors);
    this.views.clear();
    return this.disposeClient();
  }

  private async disposeClient(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    try {
      unsubscribe?.();
      await this.client?.dispose();
    } catch (err) {
      this.hub.logger.debug({ err }, 'upstream subscription dispose failed');
    }
  }
}

function upstreamErrors(err: unknown): GraphQLFormattedError[] {
  if (Array.isArray(err) && err.length > 0) return err as GraphQLFormattedError[];
  const code = (err as { code?: unknown } | null)?.code;
  const reason = (err as { reason?: unknown } | null)?.reason;
  const detail = typeof code === 'number' ? ` (close code ${code}${reason ? `: ${String(reason)}` : ''})` : '';
  return [{ message: `The owning subgraph's subscription connection failed${detail}`, extensions: { code: SUBSCRIPTION_CODES.upstreamUnavailable } }];
}

/** Shared registry of upstreams and views; one per gateway process. */
export class SubscriptionHub {
  planner: SubscriptionPlanner;
  readonly subgraphUrls: Record<string, string>;
  readonly internalSecret: string;
  readonly logger: Logger;
  readonly scheduler: DrainScheduler;
  readonly viewQueueCapacity: number;
  readonly upstreamRetryAttempts: number;
  eventsReceived = 0;
  executions = 0;
  deliveryPasses = 0;
  private readonly upstreams = new Map<string, Upstream>();
  private sources = new Map<string, UndiciGraphQLDataSource>();
  private cachedServiceMap: ServiceMap | undefined;

  constructor(opts: HubOptions) {
    this.planner = opts.planner;
    this.subgraphUrls = opts.subgraphUrls;
    this.internalSecret = opts.internalSecret;
    this.logger = opts.logger;
    this.scheduler = new DrainScheduler(opts.limits);
    this.viewQueueCapacity = opts.viewQueueCapacity ?? 10_000;
    this.upstreamRetryAttempts = opts.upstreamRetryAttempts ?? 5;
  }

  /** HTTP data source for entity fetches of the rest of a plan. */
  dataSource(name: string): UndiciGraphQLDataSource {
    let ds = this.sources.get(name);
    if (!ds) {
      const url = this.subgraphUrls[name] ?? this.planner.subgraphUrls[name] ?? '';
      ds = new UndiciGraphQLDataSource(url, { name, connections: 16 });
      this.sources.set(name, ds);
      this.cachedServiceMap = undefined;
    }
    return ds;
  }

  serviceMap(): ServiceMap {
    if (!this.cachedServiceMap) {
      const map = Object.create(null) as ServiceMap; // no prototype: subgraph names are looked up as plain keys
      for (const name of Object.keys(this.planner.subgraphUrls)) map[name] = this.dataSource(name);
      this.cachedServiceMap = map;
    }
    return this.cachedServiceMap;
  }

  /** Registers a client subscription, sharing an upstream and a view when possible. */
  subscribe(args: {
    socket: FrameSocket;
    /** The TCP socket under `socket` when frames may be written directly (server without compression). */
    raw?: RawFrameSink;
    id: string;
    plan: PlannedSubscription;
    variables: Record<string, unknown>;
    claims: Claims | null;
    requestId: string;
  }): ClientSubscription {
    const { plan, variables, claims } = args;
    const used: Record<string, unknown> = {};
    for (const name of plan.primary.variableUsages ?? []) if (name in variables) used[name] = variables[name];
    const scope = authScopeOf(claims);
    const upstreamKey = `${plan.primary.serviceName}\n${plan.primary.operation}\n${stableJson(used)}\n${scope}`;
    let upstream = this.upstreams.get(upstreamKey);
    const isNew = !upstream;
    if (!upstream) {
      upstream = new Upstream(upstreamKey, this, claims);
      this.upstreams.set(upstreamKey, upstream);
    } else {
      upstream.offerClaims(claims);
    }
    const viewKey = `${plan.operationContext.operation.name?.value ?? ''}\n${stableJson(variables)}\n${printKey(plan)}`;
    let view = upstream.views.get(viewKey);
    if (!view) {
      view = new View(viewKey, plan, variables, upstream, args.requestId);
      upstream.views.set(viewKey, view);
    }
    const sub = new ClientSubscription(new FanoutSubscriber(args.socket, args.id, plan.mode, this.scheduler, args.raw), view);
    view.add(sub);
    if (isNew) upstream.start(plan, variables);
    return sub;
  }

  dropUpstream(u: Upstream): void {
    if (this.upstreams.get(u.key) === u) this.upstreams.delete(u.key);
  }

  /** Completes every subscription with an error (reload/shutdown) and closes all upstream sockets. */
  async terminateAll(code: string, message: string): Promise<void> {
    const all = [...this.upstreams.values()];
    this.upstreams.clear();
    await Promise.all(all.map((u) => u.terminate([{ message, extensions: { code } }])));
  }

  /** Swaps the planner (new supergraph) after terminating every running subscription with SUBSCRIPTION_SCHEMA_RELOAD. */
  async reload(planner: SubscriptionPlanner): Promise<void> {
    await this.terminateAll(SUBSCRIPTION_CODES.schemaReload, 'The supergraph was reloaded; subscribe again and refetch a snapshot');
    this.planner = planner;
    const old = [...this.sources.values()];
    this.sources = new Map();
    this.cachedServiceMap = undefined;
    await Promise.all(old.map((s) => s.close().catch(() => undefined)));
  }

  async stop(): Promise<void> {
    await this.terminateAll(SUBSCRIPTION_CODES.shutdown, 'The gateway is shutting down; reconnect');
    this.scheduler.stop();
    await Promise.all([...this.sources.values()].map((s) => s.close().catch(() => undefined)));
    this.sources.clear();
  }

  stats(): HubStats {
    let views = 0;
    let subscribers = 0;
    for (const u of this.upstreams.values()) {
      views += u.views.size;
      for (const v of u.views.values()) subscribers += v.subscribers.size;
    }
    return {
      upstreams: this.upstreams.size,
      views,
      subscribers,
      backlogged: this.scheduler.backlogged,
      eventsReceived: this.eventsReceived,
      executions: this.executions,
      deliveryPasses: this.deliveryPasses,
    };
  }
}

/** Identity of the client operation's text within a view key (the planned document is cached per text). */
const planIds = new WeakMap<PlannedSubscription, number>();
let nextPlanId = 1;
function printKey(plan: PlannedSubscription): number {
  let id = planIds.get(plan);
  if (id === undefined) {
    id = nextPlanId++;
    planIds.set(plan, id);
  }
  return id;
}
