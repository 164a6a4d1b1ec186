'use client';

import { useEffect, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';

/** One line of the chart: a label, a colour and one value per timestamp (null = no reading). */
export interface ChartSeries {
  label: string;
  color: string;
  values: Array<number | null>;
}

type UPlotInstance = { setData(data: unknown[]): void; setSize(size: { width: number; height: number }): void; destroy(): void };

/**
 * CPU / memory percentages over time (from Prometheus, components/fleet/metrics-charts.tsx), drawn with uPlot (loaded in the browser only). `times` are epoch ms. The same
 * numbers are listed in a visually hidden table for screen readers, since a canvas has no text.
 */
export function UsageChart({ title, times, series, testId }: { title: string; times: number[]; series: ChartSeries[]; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<UPlotInstance | null>(null);
  const seriesKey = series.map((s) => s.label).join('|');

  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled || !box.current) return;
      const width = Math.max(280, box.current.clientWidth);
      plot.current = new UPlot(
        {
          width,
          height: 220,
          scales: { x: { time: true }, y: { range: [0, 100] } },
          axes: [
            { stroke: '#a3b0d6', grid: { stroke: '#1e2a4a' } },
            { stroke: '#a3b0d6', grid: { stroke: '#1e2a4a' }, values: (_u: unknown, ticks: number[]) => ticks.map((t) => `${t}%`) },
          ],
          series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: true }))],
          legend: { show: true },
        },
        [[], ...series.map(() => [])],
        box.current,
      ) as unknown as UPlotInstance;
      observer = new ResizeObserver(() => {
        if (box.current) plot.current?.setSize({ width: Math.max(280, box.current.clientWidth), height: 220 });
      });
      observer.observe(box.current);
      plot.current.setData([latestTimes.current.map((t) => t / 1000), ...latestSeries.current.map((s) => s.values)]);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of lines changes; new points go through setData below.
  }, [seriesKey]);

  const latestTimes = useRef(times);
  const latestSeries = useRef(series);
  latestTimes.current = times;
  latestSeries.current = series;
  useEffect(() => {
    plot.current?.setData([times.map((t) => t / 1000), ...series.map((s) => s.values)]);
  }, [times, series]);

  return (
    <figure className="chart-figure" data-testid={testId} data-points={times.length} style={{ margin: 0 }}>
      <figcaption className="field__label">{title}</figcaption>
      <div ref={box} className="chart" aria-hidden="true" />
      {times.length === 0 && <p className="muted">No samples in this range yet: Prometheus scrapes every running region-server every 15 s.</p>}
      {/* Wrapped: a table ignores width: 1px and would widen the page even while visually hidden. */}
      <div className="visually-hidden">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {times.slice(-10).map((t, i) => (
            <tr key={t}>
              <td>{new Date(t).toISOString()}</td>
              {series.map((s) => (
                <td key={s.label}>{s.values[times.length - Math.min(10, times.length) + i] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
