/** Error codes of hibernation, archival, backups and the webhook inbox; part of ERROR_STATUS (errors.ts). */
export const OPERATIONS_ERROR_STATUS = {} as const;
