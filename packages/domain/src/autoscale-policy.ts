import { REGION_SCALE_BOUNDS } from './region-scale.ts';

/**
 * Autoscaling rule of the brief (the brief's auto-scale triggers):
 * scale up when CPU > 80 % OR memory > 85 % holds over the whole up-window (2 min by default), scale down
 * when CPU < 20 % AND memory < 30 % holds over the down-window (5 min); CPU ×1.5 / memory ×1.3 up, ÷1.5 /
 * ÷1.3 down, rounded to valid steps (0.5 vCPU, whole GB) and clamped to REGION_SCALE_BOUNDS; 5 min cooldown
 * after a change; fail static (hold, `metrics_missing`) when samples are missing, gappy or stale.
 * Pure: the clock is an argument. The autoscaler loop records every result in autoscale_decisions.
 */

/** One utilisation sample; percentages are relative to the region's own allowance (0–100+). */
export interface AutoscaleSample {
  at: number; // epoch ms
  cpuPct: number;
  memPct: number;
}

/** The region's current spec and when it last changed. */
export interface AutoscaleSpec {
  cpu: number;
  memoryGb: number;
  lastScaledAt?: number | null;
}

export interface AutoscalePolicy {
  cpuUpPct: number;
  memUpPct: number;
  cpuDownPct: number;
  memDownPct: number;
  upWindowMs: number;
  downWindowMs: number;
  /** Expected distance between samples; a gap over 2× this breaks "sustained". */
  sampleIntervalMs: number;
  /** The newest sample must be younger than this or the decision fails static. */
  staleAfterMs: number;
  cooldownMs: number;
  cpuFactor: number;
  memFactor: number;
}

export const DEFAULT_AUTOSCALE_POLICY: AutoscalePolicy = {
  cpuUpPct: 80,
  memUpPct: 85,
  cpuDownPct: 20,
  memDownPct: 30,
  upWindowMs: 2 * 60_000,
  downWindowMs: 5 * 60_000,
  sampleIntervalMs: 30_000,
  staleAfterMs: 90_000,
  cooldownMs: 5 * 60_000,
  cpuFactor: 1.5,
  memFactor: 1.3,
};

export type AutoscaleReason =
  | 'metrics_missing'
  | 'cooldown'
  | 'cpu_high'
  | 'memory_high'
  | 'cpu_and_memory_high'
  | 'utilisation_low'
  | 'within_thresholds'
  | 'at_max'
  | 'at_min';

export interface AutoscaleDecision {
  action: 'scale_up' | 'scale_down' | 'hold';
  to: { cpu: number; memoryGb: number };
  reason: AutoscaleReason;
  /** True when the wanted size was cut by REGION_SCALE_BOUNDS (Agones `scalingLimited`). */
  limited: boolean;
}

const CPU = REGION_SCALE_BOUNDS.cpu;
const MEM = REGION_SCALE_BOUNDS.memoryGb;
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** Samples covering [now - windowMs, now] without gaps, or null when the window is not fully covered. */
function windowSamples(samples: AutoscaleSample[], windowMs: number, now: number, p: AutoscalePolicy): AutoscaleSample[] | null {
  const from = now - windowMs;
  const inWindow = samples.filter((s) => s.at >= from - p.sampleIntervalMs && s.at <= now).sort((a, b) => a.at - b.at);
  if (inWindow.length < 2) return null;
  if (inWindow[0]!.at > from + p.sampleIntervalMs) return null; // series starts too late to prove "sustained"
  for (let i = 1; i < inWindow.length; i++) {
    if (inWindow[i]!.at - inWindow[i - 1]!.at > 2 * p.sampleIntervalMs) return null;
  }
  return inWindow;
}

/**
 * Decides whether a region should scale, from its recent samples. Called by the autoscaler loop every
 * AUTOSCALE_INTERVAL_MS (30 s). Returns hold with a reason whenever it cannot prove a sustained trigger.
 */
export function autoscaleDecision(
  samples: AutoscaleSample[],
  spec: AutoscaleSpec,
  now: number,
  policy: AutoscalePolicy = DEFAULT_AUTOSCALE_POLICY,
): AutoscaleDecision {
  const current = { cpu: spec.cpu, memoryGb: spec.memoryGb };
  const hold = (reason: AutoscaleReason, limited = false): AutoscaleDecision => ({ action: 'hold', to: current, reason, limited });

  const valid = samples.filter((s) => Number.isFinite(s.at) && Number.isFinite(s.cpuPct) && Number.isFinite(s.memPct));
  const newest = valid.reduce((m, s) => Math.max(m, s.at), -Infinity);
  if (valid.length === 0 || now - newest > policy.staleAfterMs) return hold('metrics_missing');
  if (spec.lastScaledAt != null && now - spec.lastScaledAt < policy.cooldownMs) return hold('cooldown');

  const up = windowSamples(valid, policy.upWindowMs, now, policy);
  if (up) {
    const cpuHigh = up.every((s) => s.cpuPct > policy.cpuUpPct);
    const memHigh = up.every((s) => s.memPct > policy.memUpPct);
    if (cpuHigh || memHigh) {
      const wantCpu = cpuHigh ? Math.ceil(spec.cpu * policy.cpuFactor * 2) / 2 : spec.cpu;
      const wantMem = memHigh ? Math.ceil(spec.memoryGb * policy.memFactor) : spec.memoryGb;
      const to = { cpu: clamp(wantCpu, CPU.min, CPU.max), memoryGb: clamp(wantMem, MEM.min, MEM.max) };
      const limited = to.cpu !== wantCpu || to.memoryGb !== wantMem;
      if (to.cpu === spec.cpu && to.memoryGb === spec.memoryGb) return hold('at_max', true);
      const reason = cpuHigh && memHigh ? 'cpu_and_memory_high' : cpuHigh ? 'cpu_high' : 'memory_high';
      return { action: 'scale_up', to, reason, limited };
    }
  }

  const down = windowSamples(valid, policy.downWindowMs, now, policy);
  if (down && down.every((s) => s.cpuPct < policy.cpuDownPct && s.memPct < policy.memDownPct)) {
    const wantCpu = Math.floor((spec.cpu / policy.cpuFactor) * 2) / 2;
    const wantMem = Math.floor(spec.memoryGb / policy.memFactor);
    const to = { cpu: clamp(wantCpu, CPU.min, CPU.max), memoryGb: clamp(wantMem, MEM.min, MEM.max) };
    const limited = to.cpu !== wantCpu || to.memoryGb !== wantMem;
    if (to.cpu === spec.cpu && to.memoryGb === spec.memoryGb) return hold('at_min', true);
    return { action: 'scale_down', to, reason: 'utilisation_low', limited };
  }
  if (!up && !down) return hold('metrics_missing');
  return hold('within_thresholds');
}
