import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { extractTraceContext, initTracing, injectTraceHeaders, memorySpans, traceMixin, tracingExporterOf } from './tracing.ts';

describe('tracing', () => {
  it('exports nothing unless asked; OTLP only with a URL', () => {
    expect(tracingExporterOf({})).toEqual({ exporter: 'none', url: null });
    expect(tracingExporterOf({ TRACING_EXPORTER: 'otlp' })).toEqual({ exporter: 'none', url: null });
    expect(tracingExporterOf({ TRACING_EXPORTER: 'OTLP', TRACING_OTLP_URL: 'http://collector:4318/v1/traces' })).toEqual({ exporter: 'otlp', url: 'http://collector:4318/v1/traces' });
    expect(tracingExporterOf({ TRACING_EXPORTER: 'memory' })).toEqual({ exporter: 'memory', url: null });
    expect(tracingExporterOf({ TRACING_EXPORTER: 'zipkin' }).exporter).toBe('none');
  });

  it('continues an incoming traceparent, injects it downstream with the new span, and puts the ids in log lines', () => {
    initTracing('unit', { TRACING_EXPORTER: 'memory' });
    const parent = extractTraceContext({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(traceMixin()).toEqual({});
    const span = trace.getTracer('t').startSpan('op', {}, parent);
    context.with(trace.setSpan(parent, span), () => {
      const mixed = traceMixin();
      expect(mixed.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(mixed.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(mixed.spanId).not.toBe('b7ad6b7169203331');
      const headers = injectTraceHeaders<Record<string, string>>({});
      expect(headers.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${mixed.spanId}-01`);
    });
    span.end();
    const [finished] = memorySpans.getFinishedSpans().filter((s) => s.name === 'op');
    expect(finished!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });
});
