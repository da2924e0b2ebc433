export type { AuditBatch, AuditEventArtifact } from './events.ts';
export { MAX_AUDIT_LINE_CHARS, auditEventArtifact, auditEventModel, readAuditEvents } from './events.ts';
export type { AuditLogResult } from './evaluate.ts';
export { builtinAuditPolicies, evaluateAuditLog } from './evaluate.ts';
export { BUILTIN_AUDIT_POLICIES, BUILTIN_AUDIT_POLICIES_PATH } from './builtin-policies.ts';
