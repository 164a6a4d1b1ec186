/**
 * Utilisation of a container from one Docker stats sample (GET /containers/{id}/stats?stream=false, which
 * carries the previous sample in `precpu_stats`), RELATIVE TO THE CONTAINER'S OWN ALLOWANCE: Docker's CPU% is
 * relative to the host (cpu_delta / system_delta × online_cpus × 100), so it is divided by the container's
 * NanoCpus / 1e9. Memory used = usage − inactive_file (cgroup v2) or − cache (v1).
 */
export interface DockerStatsSample {
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number | undefined> };
}

export interface RelativeUsage {
  /** 100 = every vCPU of the allowance busy; null when the sample has no previous reading. */
  cpuPct: number | null;
  /** Docker's host-relative CPU% (for logs / comparison). */
  hostCpuPct: number | null;
  memUsedBytes: number;
  memPct: number;
}

export function relativeUsage(s: DockerStatsSample, allowance: { cpus: number; memoryBytes: number }): RelativeUsage {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const online = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  const havePrev = (s.precpu_stats?.system_cpu_usage ?? 0) > 0 && sysDelta > 0;
  const hostCpuPct = havePrev ? (Math.max(0, cpuDelta) / sysDelta) * online * 100 : null;
  const cpuPct = hostCpuPct == null || allowance.cpus <= 0 ? null : hostCpuPct / allowance.cpus;
  const stats = s.memory_stats?.stats ?? {};
  const cache = stats.inactive_file ?? stats.total_inactive_file ?? stats.cache ?? 0;
  const memUsedBytes = Math.max(0, (s.memory_stats?.usage ?? 0) - cache);
  const memPct = allowance.memoryBytes > 0 ? (memUsedBytes / allowance.memoryBytes) * 100 : 0;
  return { cpuPct, hostCpuPct, memUsedBytes, memPct };
}
