import type { Finding, Threshold } from '../core/index.ts';
import { meetsThreshold } from '../core/index.ts';

export interface GateVerdict {
  /** Findings that are not suppressed and at or above the threshold. */
  readonly failing: number;
  /** 1 when anything fails, else 0 (usage and internal errors are the CLI's 2 and 3). */
  readonly exitCode: 0 | 1;
}

/** The gate's decision: only findings that are not suppressed and reach `failOn` count. */
export function gateVerdict(findings: readonly Finding[], failOn: Threshold): GateVerdict {
  const failing = findings.filter((finding) => finding.suppression === undefined && meetsThreshold(finding.severity, failOn)).length;
  return { failing, exitCode: failing > 0 ? 1 : 0 };
}
