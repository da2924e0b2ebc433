export type { ComplianceInput, ComplianceReport, ControlResult, ControlStatus, DatabaseInfo, Evidence, ScannedTarget, StatusCounts, TargetSummary, Waiver } from './model.ts';
export { COMPLIANCE_REPORT_SCHEMA_VERSION, CONTROL_STATUSES, buildComplianceReport } from './model.ts';
export { checksRunFor } from './checks-run.ts';
export { renderComplianceJson } from './json.ts';
export type { MarkdownOptions } from './markdown.ts';
export { FULL_REPORT_PLACEHOLDER, MARKDOWN_LIMIT, renderComplianceMarkdown } from './markdown.ts';
export { escapeHtml, renderComplianceHtml } from './html.ts';
export type { ComplianceScanOptions } from './run.ts';
export { findFramework, runComplianceScan } from './run.ts';
