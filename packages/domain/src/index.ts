export * from './errors.ts';
export * from './region-tiers.ts';
export * from './region-scale.ts';
export * from './vocabulary.ts';
export * from './nexus-clusters.ts';
export * from './uuid.ts';
export * from './pagination.ts';
export * from './approval-percentage.ts';
