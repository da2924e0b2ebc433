import type { Finding, ScanError } from './finding.ts';
import type { Severity, Threshold } from './severity.ts';
import type { RuleMeta } from './rule.ts';

/** Bumped on every additive change of the JSON report; a breaking change bumps the major. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

export interface ToolInfo {
  readonly name: 'palisade';
  readonly version: string;
}

export interface SeverityCounts {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly info: number;
}

export interface ReportSummary {
  /** Findings that count (not suppressed), by severity. */
  readonly bySeverity: SeverityCounts;
  readonly total: number;
  readonly suppressed: number;
  readonly failOn: Threshold;
  /** Findings at or above `failOn` that are not suppressed. */
  readonly failing: number;
  readonly filesScanned: number;
}

/** The whole result of one scan: what every reporter renders. */
export interface Report {
  readonly schemaVersion: string;
  readonly tool: ToolInfo;
  /** The scan target as given (a directory or file). */
  readonly target: string;
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly summary: ReportSummary;
  /** Metadata of every rule that produced a finding (SARIF `tool.driver.rules`, JUnit test cases). */
  readonly rules: readonly RuleMeta[];
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
