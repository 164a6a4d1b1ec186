/**
 * @sw/region-config — the hub-side commands every service uses to change a region's configuration (a new version
 * each time) and to grant a region's starting package. Documented in docs/rules/region-config.md.
 */
export { applyConfigChange } from './apply-config-change.ts';
export type { ApplyConfigChangeInput, ApplyConfigOutcome, ConfigVersionRecord } from './apply-config-change.ts';
export { grantStartingPackage } from './grant-starting-package.ts';
export type { StartingPackage } from './grant-starting-package.ts';
export { CONFIG_COLUMNS, bonusesOf, columnsFor, configFromRow } from './region-config-row.ts';
export type { ConfigRow, HubTx } from './region-config-row.ts';
