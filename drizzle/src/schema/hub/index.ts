/** Hub database schema: identity, region registry, governance, billing, Nexus/Terran world, orchestration. */
export * from './identity.ts';
export * from './regions.ts';
export * from './governance.ts';
export * from './billing.ts';
export * from './world.ts';
export * from './orchestration.ts';
export * from './billing-cancellations.ts';
export * from './region-config.ts';
export * from './travel.ts';
export * from './auth.ts';
