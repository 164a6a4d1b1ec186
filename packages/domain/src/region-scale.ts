import type { ValidationIssue } from './errors.ts';

/** Per-region resource allocation bounds of the brief. */
export const REGION_SCALE_BOUNDS = {
  cpu: { min: 1, default: 2, max: 8, unit: 'vCPU' },
  memoryGb: { min: 2, default: 4, max: 16, unit: 'GB' },
  storageGb: { min: 10, default: 20, max: 100, unit: 'GB' },
  maxPlayers: { min: 10, default: 100, max: 1000, unit: 'players' },
} as const;

export type RegionScaleField = keyof typeof REGION_SCALE_BOUNDS;
export interface RegionScale {
  cpu: number;
  memoryGb: number;
  storageGb: number;
  maxPlayers: number;
}

export const DEFAULT_REGION_SCALE: RegionScale = {
  cpu: REGION_SCALE_BOUNDS.cpu.default,
  memoryGb: REGION_SCALE_BOUNDS.memoryGb.default,
  storageGb: REGION_SCALE_BOUNDS.storageGb.default,
  maxPlayers: REGION_SCALE_BOUNDS.maxPlayers.default,
};

/**
 * Validates a (partial) scale request and returns every out-of-range field. CPU may be fractional in
 * steps of 0.5 vCPU (the autoscaler multiplies by 1.5); the other fields are whole numbers.
 */
export function validateRegionScale(input: Partial<RegionScale>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of Object.keys(REGION_SCALE_BOUNDS) as RegionScaleField[]) {
    const value = input[field];
    if (value === undefined) continue;
    const b = REGION_SCALE_BOUNDS[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({ path: field, message: `${field} must be a number` });
    } else if (value < b.min || value > b.max) {
      issues.push({ path: field, message: `${field} must be between ${b.min} and ${b.max} ${b.unit}, got ${value}` });
    } else if (field === 'cpu' ? Math.round(value * 2) !== value * 2 : !Number.isInteger(value)) {
      issues.push({ path: field, message: field === 'cpu' ? 'cpu must be a multiple of 0.5' : `${field} must be a whole number` });
    }
  }
  return issues;
}
