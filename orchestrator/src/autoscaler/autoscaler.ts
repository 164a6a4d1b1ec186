/**
 * Autoscaler loop: every AUTOSCALE_INTERVAL_MS (default 30 s, Agones' FleetAutoscaler sync) it samples
 * each ready region through driver.stackStats (process driver: CPU% from /proc/<pid>/stat deltas
 * relative to the region's cpu allowance, RSS vs memory_gb), keeps the last 10 minutes in memory and
 * asks autoscaleDecision() (@sw/domain). A scale decision goes through the same scaleRegion command as
 * an operator (spec_generation++); every decision is recorded in autoscale_decisions — holds only when
 * their reason changes, so a steady region does not write a row every 30 s.
 */
import { autoscaleDecision, DEFAULT_AUTOSCALE_POLICY, type AutoscaleDecision, type AutoscalePolicy, type AutoscaleSample } from '@sw/domain';
import type { ReconcileContext } from '../reconciler/context.ts';
import type { Reconciler } from '../reconciler/reconciler.ts';
import type { StackObserved } from '../drivers/driver.ts';
import { applyScale } from '../commands/scale-region.ts';

export interface AutoscalerOptions {
  intervalMs?: number;
  policy?: Partial<AutoscalePolicy>;
}

export interface Autoscaler {
  start(): void;
  stop(): void;
  /** Samples every ready region once and evaluates it; returns the decisions (tests). */
  tick(): Promise<Array<{ regionId: string; decision: AutoscaleDecision }>>;
  /** The CPU / memory samples kept for a region (last 10 minutes, oldest first; empty after a scale), for charts. */
  samplesOf(regionId: string): AutoscaleSample[];
}

const KEEP_MS = 10 * 60_000;

export function createAutoscaler(ctx: ReconcileContext, reconciler: Reconciler, opts: AutoscalerOptions = {}): Autoscaler {
  const intervalMs = opts.intervalMs ?? 30_000;
  const policy: AutoscalePolicy = { ...DEFAULT_AUTOSCALE_POLICY, sampleIntervalMs: intervalMs, staleAfterMs: 3 * intervalMs, ...opts.policy };
  const samples = new Map<string, AutoscaleSample[]>();
  const lastReason = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;

  async function tick() {
    const rows = await ctx.sql<{ id: string; cpu: number; memoryGb: number; observed: StackObserved; lastScaledAt: Date | null }[]>`
      SELECT r.id, r.cpu_vcpu::float8 AS cpu, r.memory_gb AS "memoryGb", r.runtime_observed AS observed,
        (SELECT max(at) FROM autoscale_decisions d WHERE d.region_id_snapshot = r.id AND d.action <> 'hold') AS "lastScaledAt"
      FROM regions r WHERE r.region_type = 'player_owned' AND r.runtime_state = 'ready' AND r.desired_state = 'running'`;
    const out: Array<{ regionId: string; decision: AutoscaleDecision }> = [];
    const now = Date.now();
    for (const r of rows) {
      const stats = await ctx.driver.stackStats(r.id, r.observed).catch(() => null);
      const list = (samples.get(r.id) ?? []).filter((s) => now - s.at < KEEP_MS);
      if (stats) list.push({ at: stats.at, cpuPct: stats.cpuPct, memPct: stats.memPct });
      samples.set(r.id, list);
      const decision = autoscaleDecision(list, { cpu: r.cpu, memoryGb: r.memoryGb, lastScaledAt: r.lastScaledAt?.getTime() ?? null }, now, policy);
      out.push({ regionId: r.id, decision });
      const changed = decision.action !== 'hold' || lastReason.get(r.id) !== decision.reason;
      lastReason.set(r.id, decision.reason);
      if (!changed) continue;
      await ctx.sql`
        INSERT INTO autoscale_decisions (region_id_snapshot, action, reason, from_spec, to_spec, samples)
        VALUES (${r.id}, ${decision.action}, ${decision.limited ? `${decision.reason} (limited)` : decision.reason},
          ${JSON.stringify({ cpu: r.cpu, memoryGb: r.memoryGb })}::text::jsonb, ${JSON.stringify(decision.to)}::text::jsonb, ${JSON.stringify(list.slice(-12))}::text::jsonb)`;
      if (decision.action !== 'hold') {
        await reconciler.runExclusive(r.id, () => applyScale(ctx, r.id, { cpu: decision.to.cpu, memoryGb: decision.to.memoryGb }, `autoscaler: ${decision.reason}`));
        samples.set(r.id, []);
        reconciler.kick(r.id);
      }
    }
    return out;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void tick().catch((err) => ctx.log.warn({ err: String(err) }, 'autoscaler tick failed')), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    tick,
    samplesOf: (regionId) => [...(samples.get(regionId) ?? [])],
  };
}
