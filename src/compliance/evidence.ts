import type { Finding, RuleMeta } from '../core/index.ts';
import type { Framework } from './framework.ts';

/** The check that stands for advisory matching (vulnerability findings are named after their advisory). */
export const VULN_CHECK = 'scanner:vuln';

/**
 * Controls evidenced by a scanner rather than by a rule: vulnerability findings come from advisory
 * matching, which has no rule metadata. The check id `scanner:vuln` stands for it in reports.
 */
export const SCANNER_EVIDENCE: Readonly<Record<string, readonly string[]>> = Object.freeze({
  [VULN_CHECK]: Object.freeze(['cis-docker-1.6:4.4', 'hipaa:164.308(a)(1)(ii)(A)', 'nist-800-190:4.1.1', 'pci-dss-4.0:6.3.1', 'pci-dss-4.0:6.3.3', 'pci-dss-4.0:11.3.1']),
});

/** A rule or scanner that can produce findings for a control. */
export interface Check {
  readonly id: string;
  readonly title: string;
  /** `framework:control` ids it evidences. */
  readonly compliance: readonly string[];
}

/** Every check: the rules (by id) and the scanners of SCANNER_EVIDENCE. */
export function checksOf(metas: readonly RuleMeta[]): Check[] {
  const scanners = Object.entries(SCANNER_EVIDENCE).map(([id, compliance]) => ({ id, title: 'Vulnerability matching against the advisory database', compliance }));
  return [...metas.map((meta) => ({ id: meta.id, title: meta.title, compliance: meta.compliance })), ...scanners];
}

/** The checks that evidence `framework:control`, in id order. */
export function checksFor(complianceId: string, checks: readonly Check[]): Check[] {
  return checks.filter((check) => check.compliance.includes(complianceId)).sort((a, b) => a.id.localeCompare(b.id));
}

/** The compliance ids a finding bears on: its own, its rule's, and its scanner's. */
export function findingCompliance(finding: Finding, checks: readonly Check[]): ReadonlySet<string> {
  const checkId = finding.kind === 'vulnerability' ? VULN_CHECK : finding.ruleId;
  return new Set([...finding.compliance, ...(checks.find((check) => check.id === checkId)?.compliance ?? [])]);
}

/** Counts of controls by automation status, and how many have at least one check. */
export interface Coverage {
  readonly automated: number;
  readonly partial: number;
  readonly manual: number;
  readonly total: number;
  readonly withChecks: number;
}

export function coverageOf(framework: Framework, checks: readonly Check[]): Coverage {
  const count = (automation: string): number => framework.controls.filter((control) => control.automation === automation).length;
  const withChecks = framework.controls.filter((control) => checksFor(`${framework.id}:${control.id}`, checks).length > 0).length;
  return { automated: count('automated'), partial: count('partial'), manual: count('manual'), total: framework.controls.length, withChecks };
}
