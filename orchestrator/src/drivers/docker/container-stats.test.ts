import { describe, expect, it } from 'vitest';
import { relativeUsage } from './container-stats.ts';

describe('relativeUsage', () => {
  const sample = {
    cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 4 },
    precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 16_000_000_000 },
    memory_stats: { usage: 600 * 1024 ** 2, limit: 2 * 1024 ** 3, stats: { inactive_file: 88 * 1024 ** 2 } },
  };

  it('divides the host-relative CPU% by the container allowance', () => {
    // 0.5 s of CPU over 4 s of system time on 4 CPUs = 50 % of one host CPU.
    const half = relativeUsage(sample, { cpus: 0.5, memoryBytes: 2 * 1024 ** 3 });
    expect(half.hostCpuPct).toBeCloseTo(50, 6);
    expect(half.cpuPct).toBeCloseTo(100, 6); // the whole 0.5-vCPU allowance
    expect(relativeUsage(sample, { cpus: 2, memoryBytes: 1 }).cpuPct).toBeCloseTo(25, 6);
  });

  it('subtracts inactive_file (cgroup v2) or cache (v1) from memory usage', () => {
    const r = relativeUsage(sample, { cpus: 1, memoryBytes: 1024 ** 3 });
    expect(r.memUsedBytes).toBe(512 * 1024 ** 2);
    expect(r.memPct).toBeCloseTo(50, 6);
    const v1 = relativeUsage({ memory_stats: { usage: 300, stats: { cache: 100 } } }, { cpus: 1, memoryBytes: 400 });
    expect(v1.memUsedBytes).toBe(200);
    expect(v1.memPct).toBe(50);
  });

  it('has no CPU figure without a previous reading', () => {
    const r = relativeUsage({ ...sample, precpu_stats: {} }, { cpus: 1, memoryBytes: 1 });
    expect(r.cpuPct).toBeNull();
    expect(r.hostCpuPct).toBeNull();
  });
});
