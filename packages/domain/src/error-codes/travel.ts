/** Error codes of inter-regional travel and its gates; part of ERROR_STATUS (errors.ts). */
export const TRAVEL_ERROR_STATUS = {} as const;
