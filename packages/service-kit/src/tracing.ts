/**
 * Distributed tracing (docs/decisions/tracing.md): W3C `traceparent` from the gateway through every subgraph and the
 * orchestrator, with the OpenTelemetry SDK. Spans are created and propagated always; they leave the process only when
 * asked: TRACING_EXPORTER=otlp sends them to TRACING_OTLP_URL (default off: no network traffic), TRACING_EXPORTER=memory
 * keeps them in `memorySpans` (tests). The active trace and span ids go into every pino line (`traceMixin`).
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export type TracingExporter = 'none' | 'memory' | 'otlp';

/** Spans of this process when TRACING_EXPORTER=memory. */
export const memorySpans = new InMemorySpanExporter();

let registered: { service: string; provider: BasicTracerProvider } | null = null;

/** The exporter setting: TRACING_EXPORTER (none | memory | otlp; default none), otlp needing TRACING_OTLP_URL. */
export function tracingExporterOf(env: NodeJS.ProcessEnv = process.env): { exporter: TracingExporter; url: string | null } {
  const raw = (env.TRACING_EXPORTER ?? 'none').trim().toLowerCase();
  const exporter: TracingExporter = raw === 'memory' || raw === 'otlp' ? raw : 'none';
  const url = env.TRACING_OTLP_URL?.trim() || null;
  if (exporter === 'otlp' && !url) return { exporter: 'none', url: null };
  return { exporter, url };
}

/**
 * Registers the global context manager, the W3C propagator and a tracer provider, once per process (the first
 * service's name labels the resource; tests that run several services in one process share it).
 */
export function initTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (registered) return;
  const { exporter, url } = tracingExporterOf(env);
  const spanProcessors: SpanProcessor[] =
    exporter === 'memory' ? [new SimpleSpanProcessor(memorySpans)] : exporter === 'otlp' ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: url! }))] : [];
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registered = { service, provider };
}

/** Flushes and stops the provider (process exit). */
export async function shutdownTracing(): Promise<void> {
  await registered?.provider.shutdown();
}

/** `{ traceId, spanId }` of the active span, for pino's `mixin` (nothing outside a trace). */
export function traceMixin(): { traceId?: string; spanId?: string } {
  const span = trace.getSpan(context.active());
  const sc = span?.spanContext();
  if (!sc || !trace.isSpanContextValid(sc)) return {};
  return { traceId: sc.traceId, spanId: sc.spanId };
}

/** Adds `traceparent` (and `tracestate`) of the active context to outgoing headers (in place; returns them). */
export function injectTraceHeaders<H extends Record<string, string>>(headers: H, ctx: Context = context.active()): H {
  propagation.inject(ctx, headers);
  return headers;
}

/** The context carried by incoming headers (`traceparent`), or the active one when they carry none. */
export function extractTraceContext(headers: IncomingHttpHeaders): Context {
  return propagation.extract(context.active(), headers);
}

/** What `traceRequests` reports about each finished request (the access log line). */
export interface TracedRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
  traceId: string;
  spanId: string;
}

/**
 * Express / node:http middleware: continues the caller's trace (or starts one), makes the request's server span the
 * active context for everything the request does, and ends it when the response is sent. The response carries
 * `traceparent` so a caller can find the trace; `onFinish` gets one record per request (the access log).
 */
export function traceRequests(service: string, onFinish?: (r: TracedRequest) => void) {
  const tracer = trace.getTracer(`sw-${service}`);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const parent = extractTraceContext(req.headers);
    const path = (req.url ?? '/').split('?')[0]!;
    const span = tracer.startSpan(`${req.method ?? 'GET'} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path, 'service.name': service } }, parent);
    const ctx = trace.setSpan(parent, span);
    const headers: Record<string, string> = {};
    injectTraceHeaders(headers, ctx);
    if (headers.traceparent && !res.headersSent) res.setHeader('traceparent', headers.traceparent);
    const started = performance.now();
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      const sc = span.spanContext();
      onFinish?.({ method: req.method ?? 'GET', path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10, traceId: sc.traceId, spanId: sc.spanId });
    });
    res.once('close', () => {
      if (!res.writableFinished) span.end();
    });
    context.with(ctx, next);
  };
}
