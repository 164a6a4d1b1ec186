'use client';

import { useEffect, useRef, useState } from 'react';
import type { MapEdge, MapNode } from './galaxy-graph';

type SigmaInstance = { kill(): void; refresh(): void };
type GraphInstance = {
  clear(): void;
  addNode(key: string, attrs: Record<string, unknown>): void;
  addEdge(source: string, target: string, attrs: Record<string, unknown>): void;
};

function fill(graph: GraphInstance, nodes: MapNode[], edges: MapEdge[]): void {
  graph.clear();
  for (const n of nodes) graph.addNode(n.key, { label: n.label, x: n.x, y: n.y, size: n.size, color: n.color });
  for (const e of edges) graph.addEdge(e.source, e.target, { color: e.color, size: e.size });
}

/**
 * The galaxy drawn with sigma.js (WebGL) over a graphology graph. Sigma and graphology load only in the browser,
 * after first paint, so the page's HTML and its textual region list never wait for the renderer. When WebGL is
 * unavailable the map says so and the list below it still carries everything.
 */
export function GalaxyMap({ nodes, edges, summary }: { nodes: MapNode[]; edges: MapEdge[]; summary: string }) {
  const container = useRef<HTMLDivElement>(null);
  const graphRef = useRef<GraphInstance | null>(null);
  const sigmaRef = useRef<SigmaInstance | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ nodes, edges });
  latest.current = { nodes, edges };

  // Sigma is created once the first nodes exist (its camera fits the graph's extent on creation); later changes are
  // applied to the same graphology instance, which sigma watches.
  const hasNodes = nodes.length > 0;
  useEffect(() => {
    if (!hasNodes) return;
    let cancelled = false;
    void (async () => {
      try {
        const [{ default: Graph }, { default: Sigma, DEFAULT_STYLES }] = await Promise.all([import('graphology'), import('sigma')]);
        if (cancelled || !container.current) return;
        const graph = new Graph();
        graphRef.current = graph as unknown as GraphInstance;
        fill(graphRef.current, latest.current.nodes, latest.current.edges);
        sigmaRef.current = new Sigma(graph, container.current, {
          settings: { renderLabels: true, labelRenderedSizeThreshold: 6, allowInvalidContainer: true, stagePadding: 24, itemSizesReference: 'screen' },
          // Given node styles replace sigma's defaults wholesale, so the defaults are spread in first.
          styles: { nodes: { ...DEFAULT_STYLES.nodes, labelColor: '#e3eaff', labelSize: 12 }, edges: DEFAULT_STYLES.edges },
        }) as unknown as SigmaInstance;
        setReady(true);
      } catch (err) {
        setFailed(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      cancelled = true;
      sigmaRef.current?.kill();
      sigmaRef.current = null;
      graphRef.current = null;
      setReady(false);
    };
  }, [hasNodes]);

  useEffect(() => {
    const graph = graphRef.current;
    if (!ready || !graph) return;
    fill(graph, nodes, edges);
    sigmaRef.current?.refresh();
  }, [ready, nodes, edges]);

  return (
    <div>
      <div ref={container} className="galaxy-map" role="img" aria-label={summary} data-testid="galaxy-map" data-map-ready={ready ? 'true' : 'false'} />
      {failed && (
        <p className="muted" data-testid="galaxy-map-unavailable">
          The map could not be drawn in this browser ({failed}); the list below shows the same regions.
        </p>
      )}
    </div>
  );
}
