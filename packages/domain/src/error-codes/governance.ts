/** Error codes of policies, elections, votes, treaties, invites, treasury; part of ERROR_STATUS (errors.ts). */
export const GOVERNANCE_ERROR_STATUS = {} as const;
