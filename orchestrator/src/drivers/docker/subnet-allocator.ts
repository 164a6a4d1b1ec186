/**
 * Per-region network addressing: every region gets its own bridge network 172.22.<x>.0/24 (as the brief asks), x in
 * 0..255. The index is chosen from what the ENGINE already uses (a scan of every network's IPAM config, not
 * only ours), starting at a position derived from the region id so that two orchestrators creating different
 * regions at once rarely race for the same index; a lost race (the engine answers "Pool overlaps") is retried
 * with the next free index by the caller.
 */
import { createHash } from 'node:crypto';

export const REGION_SUBNET_PREFIX = '172.22';
export const REGION_SUBNET_COUNT = 256;

/** Subnet and gateway of index x. */
export function regionSubnet(index: number): { subnet: string; gateway: string } {
  return { subnet: `${REGION_SUBNET_PREFIX}.${index}.0/24`, gateway: `${REGION_SUBNET_PREFIX}.${index}.1` };
}

/** Indexes 0..255 of 172.22.x.0/24 that overlap any of the given CIDRs (a wider CIDR such as 172.22.0.0/16 blocks all). */
export function usedRegionSubnetIndexes(cidrs: Iterable<string>): Set<number> {
  const used = new Set<number>();
  const base = ipToInt(`${REGION_SUBNET_PREFIX}.0.0`);
  for (const cidr of cidrs) {
    const [ip, bitsText] = cidr.split('/');
    const bits = Number(bitsText);
    if (!ip || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !Number.isInteger(bits) || bits < 0 || bits > 32) continue;
    const size = 2 ** (32 - bits);
    const start = Math.floor(ipToInt(ip) / size) * size;
    const end = start + size - 1;
    for (let x = 0; x < REGION_SUBNET_COUNT; x++) {
      const s = base + x * 256;
      if (s <= end && s + 255 >= start) used.add(x);
    }
  }
  return used;
}

/** First free index probing linearly from hash(regionId); null when all 256 are used. */
export function pickRegionSubnetIndex(regionId: string, used: ReadonlySet<number>): number | null {
  const start = createHash('sha256').update(regionId).digest().readUInt8(0);
  for (let i = 0; i < REGION_SUBNET_COUNT; i++) {
    const x = (start + i) % REGION_SUBNET_COUNT;
    if (!used.has(x)) return x;
  }
  return null;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}
