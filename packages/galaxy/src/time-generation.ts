/**
 * Quick timing script (not a test): prints ms to generate + validate the Nexus, Terran Space and one
 * region per tier, plus the hash time. Run: `cd /work/main && pnpm exec node packages/galaxy/src/time-generation.ts`.
 */
import { galaxyHash, generateNexus, generatePlayerRegion, generateTerran } from './index.ts';

function time<T>(label: string, fn: () => T, runs = 5): T {
  let result = fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[Math.floor(runs / 2)]!.toFixed(1)} ms  (min ${ms[0]!.toFixed(1)}, max ${ms[runs - 1]!.toFixed(1)})`);
  return result;
}

{
  const t0 = performance.now();
  generateNexus({ seed: 1, sectorIdStart: 301 });
  console.log(`Nexus cold first run (incl. JIT warm-up)`.padEnd(44), `${(performance.now() - t0).toFixed(1)} ms`);
}
const nexus = time('Nexus 5000 sectors (generate + validate)', () => generateNexus({ seed: 42, sectorIdStart: 301 }));
console.log('  stats', JSON.stringify(nexus.stats));
time('Terran 300 (generate + validate)', () => generateTerran({ seed: 42, sectorIdStart: 1 }));
for (const tier of ['standard', 'premium', 'mega'] as const) {
  const r = time(`player ${tier} (generate + validate)`, () => generatePlayerRegion({ seed: 7, tier, sectorIdStart: 5301 }));
  console.log(`  ${r.totalSectors} sectors`, JSON.stringify(r.stats));
}
time('galaxyHash(Nexus)', () => galaxyHash(nexus));
