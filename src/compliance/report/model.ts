import type { Finding, KubernetesObjectRef, Report, Severity, Suppression, ToolInfo } from '../../core/index.ts';
import type { Automation, Control, Framework } from '../framework.ts';
import type { Check } from '../evidence.ts';
import { checksFor, findingCompliance } from '../evidence.ts';

/** Bumped on every additive change of the compliance report; a breaking change bumps the major. */
export const COMPLIANCE_REPORT_SCHEMA_VERSION = '1.0.0';

export const CONTROL_STATUSES = ['fail', 'waived', 'pass', 'manual', 'not-applicable'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** One scanned target: its report and the checks (rule ids, `scanner:vuln`) that ran on something in it. */
export interface ScannedTarget {
  readonly report: Report;
  readonly checksRun: readonly string[];
}

export interface ComplianceInput {
  readonly framework: Framework;
  readonly targets: readonly ScannedTarget[];
  /** Every check the tool knows (see checksOf). */
  readonly checks: readonly Check[];
  /** ISO 8601 timestamp of the report. */
  readonly generatedAt: string;
  /** The advisory database, when the vulnerability scanner ran. */
  readonly database?: DatabaseInfo;
}

/** The advisory database vulnerability findings were matched against. */
export interface DatabaseInfo {
  readonly path: string;
  /** When it was last imported or updated (ISO 8601). */
  readonly builtAt?: string;
  /** Whole hours between `builtAt` and the report's timestamp. */
  readonly ageHours?: number;
  readonly recordCount: number;
}

/** Who waived a finding, why and until when. */
export interface Waiver {
  readonly kind: Suppression['kind'];
  readonly owner?: string;
  readonly reason?: string;
  readonly ticket?: string;
  readonly expires?: string;
  /** `path:line` of the exceptions entry or inline comment. */
  readonly source?: string;
}

/** A finding shown as evidence for a control. */
export interface Evidence {
  readonly target: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly path: string;
  readonly line?: number;
  readonly object?: KubernetesObjectRef;
  readonly waiver?: Waiver;
}

export interface ControlResult {
  readonly id: string;
  readonly title: string;
  readonly automation: Automation;
  readonly status: ControlStatus;
  /** The checks that evidence the control and whether each ran on any target. */
  readonly checks: readonly { readonly id: string; readonly title: string; readonly ran: boolean }[];
  readonly evidence: readonly Evidence[];
}

export interface TargetSummary {
  readonly target: string;
  readonly filesScanned: number;
  readonly findings: number;
  readonly errors: number;
  readonly checksRun: number;
}

export type StatusCounts = Readonly<Record<ControlStatus, number>>;

export interface ComplianceReport {
  readonly schemaVersion: string;
  readonly tool: ToolInfo;
  readonly framework: { readonly id: string; readonly title: string; readonly url: string };
  readonly generatedAt: string;
  readonly database?: DatabaseInfo;
  /** The checks that ran on at least one target, sorted. */
  readonly ruleSet: readonly string[];
  readonly targets: readonly TargetSummary[];
  readonly summary: StatusCounts & { readonly total: number };
  readonly controls: readonly ControlResult[];
  /** Exceptions that waived at least one finding of this report, one entry per distinct exception. */
  readonly exceptionsInForce: readonly Waiver[];
  /** Expired exceptions (GATE-0001 findings): they waive nothing any more. */
  readonly expiredExceptions: readonly Evidence[];
}

const EXPIRED_EXCEPTION_RULE = 'GATE-0001';

/** Evaluates every control of the framework against the scanned targets (a pure function). */
export function buildComplianceReport(input: ComplianceInput): ComplianceReport {
  const { framework, targets, checks } = input;
  const ran = new Set(targets.flatMap((target) => target.checksRun));
  const tagged = targets.flatMap((target) => target.report.findings.map((finding) => ({ target: target.report.target, finding, ids: findingCompliance(finding, checks) })));
  const controls = framework.controls.map((control) => {
    const complianceId = `${framework.id}:${control.id}`;
    const evidence = tagged.filter((entry) => entry.ids.has(complianceId)).map((entry) => toEvidence(entry.target, entry.finding));
    const mapped = checksFor(complianceId, checks).map((check) => ({ id: check.id, title: check.title, ran: ran.has(check.id) }));
    return { id: control.id, title: control.title, automation: control.automation, status: statusOf(control, mapped, evidence), checks: mapped, evidence };
  });
  const counts = { fail: 0, waived: 0, pass: 0, manual: 0, 'not-applicable': 0 };
  for (const control of controls) counts[control.status] += 1;
  const allFindings = tagged.map((entry) => ({ target: entry.target, finding: entry.finding }));
  return {
    schemaVersion: COMPLIANCE_REPORT_SCHEMA_VERSION,
    tool: targets[0]?.report.tool ?? { name: 'palisade', version: 'unknown' },
    framework: { id: framework.id, title: framework.title, url: framework.url },
    generatedAt: input.generatedAt,
    ...(input.database === undefined ? {} : { database: input.database }),
    ruleSet: [...ran].sort(),
    targets: targets.map(({ report, checksRun }) => ({ target: report.target, filesScanned: report.summary.filesScanned, findings: report.findings.length, errors: report.errors.length, checksRun: checksRun.length })),
    summary: { ...counts, total: controls.length },
    controls,
    exceptionsInForce: distinctWaivers(allFindings.flatMap(({ finding }) => (finding.suppression?.kind === 'exception' ? [toWaiver(finding.suppression)] : []))),
    expiredExceptions: allFindings.filter(({ finding }) => finding.ruleId === EXPIRED_EXCEPTION_RULE).map(({ target, finding }) => toEvidence(target, finding)),
  };
}

function statusOf(control: Control, checks: readonly { readonly ran: boolean }[], evidence: readonly Evidence[]): ControlStatus {
  if (evidence.some((item) => item.waiver === undefined)) return 'fail';
  if (evidence.length > 0) return 'waived';
  if (control.automation === 'manual' || checks.length === 0) return 'manual';
  return checks.some((check) => check.ran) ? 'pass' : 'not-applicable';
}

function toEvidence(target: string, finding: Finding): Evidence {
  const { location } = finding;
  return {
    target,
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    path: location.path,
    ...(location.startLine === undefined ? {} : { line: location.startLine }),
    ...(location.object === undefined ? {} : { object: location.object }),
    ...(finding.suppression === undefined ? {} : { waiver: toWaiver(finding.suppression) }),
  };
}

function toWaiver(suppression: Suppression): Waiver {
  const { source } = suppression;
  return {
    kind: suppression.kind,
    ...(suppression.owner === undefined ? {} : { owner: suppression.owner }),
    ...(suppression.reason === undefined ? {} : { reason: suppression.reason }),
    ...(suppression.ticket === undefined ? {} : { ticket: suppression.ticket }),
    ...(suppression.expires === undefined ? {} : { expires: suppression.expires }),
    ...(source === undefined ? {} : { source: source.startLine === undefined ? source.path : `${source.path}:${source.startLine}` }),
  };
}

function distinctWaivers(waivers: readonly Waiver[]): Waiver[] {
  const seen = new Map<string, Waiver>();
  for (const waiver of waivers) seen.set(JSON.stringify(waiver), waiver);
  return [...seen.values()].sort((a, b) => (a.source ?? '').localeCompare(b.source ?? ''));
}
