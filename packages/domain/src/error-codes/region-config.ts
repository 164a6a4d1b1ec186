/** Error codes of region configuration, discovery and regional stats; part of ERROR_STATUS (errors.ts). */
export const REGION_CONFIG_ERROR_STATUS = {} as const;
