export type { AuditBatch, AuditEventArtifact } from './events.ts';
export { MAX_AUDIT_LINE_CHARS, auditEventArtifact, auditEventModel, readAuditEvents } from './events.ts';
export type { AuditLogResult } from './evaluate.ts';
export { auditPolicies, builtinAuditPolicies, evaluateAuditLog } from './evaluate.ts';
export { BUILTIN_AUDIT_POLICIES, BUILTIN_AUDIT_POLICIES_PATH } from './builtin-policies.ts';
export type { AuditAlert, AuditAlertSink } from './alerts.ts';
export { auditAlert, auditSlackText, slackAuditSink } from './alerts.ts';
export type { AuditServer, AuditServerOptions, AuditWebhookHandler, AuditWebhookOptions, AuditWebhookStats, EventBatch } from './webhook.ts';
export { DEFAULT_MAX_BODY_BYTES, createAuditWebhookHandler, parseEventList, startAuditServer } from './webhook.ts';
