import type { ComplianceReport } from './model.ts';

/** The compliance report as JSON (schemas/compliance-report.schema.json). */
export function renderComplianceJson(report: ComplianceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
