/** @sw/audit — the audit log of admin and owner actions (who, what, target, when, result). */
export { audited, auditResultOf, auditRow, insertAudit, recordAudit } from './record-audit.ts';
export type { AuditEntry, AuditInTransaction, AuditRefinement, AuditResult } from './record-audit.ts';
