import type { ErrorCode } from './errors.ts';
import type { Location } from './location.ts';
import type { Severity } from './severity.ts';
import { sha256Text } from './sha256.ts';

export const FINDING_KINDS = ['misconfig', 'vulnerability', 'secret', 'signature', 'policy'] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export interface PackageRef {
  readonly name: string;
  readonly version: string;
  readonly ecosystem: string;
  readonly purl: string;
}

export interface CvssScore {
  readonly version: string;
  readonly vector: string;
  readonly score: number;
}

export interface VulnerabilityRef {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly fixedVersions: readonly string[];
  readonly cvss?: CvssScore;
}

/** Why a finding does not count towards the gate. */
export interface Suppression {
  readonly kind: 'exception' | 'inline' | 'baseline';
  readonly reason?: string;
  readonly owner?: string;
  readonly ticket?: string;
  readonly expires?: string;
  /** Where the suppression was declared (exceptions file entry or inline comment). */
  readonly source?: Location;
}

/** One occurrence of a problem. This is the JSON report's contract (docs/output-json.md). */
export interface Finding {
  readonly ruleId: string;
  readonly slug: string;
  /** Which of the rule's messages this is (stable; the text may change). */
  readonly messageId: string;
  /** Equivalent ids of other tools, as `tool:id` (e.g. `hadolint:DL3007`). */
  readonly aliases: readonly string[];
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly location: Location;
  /** `framework:control` ids (e.g. `cis-docker-1.6:4.1`). */
  readonly compliance: readonly string[];
  readonly fingerprint: string;
  readonly remediation?: string;
  readonly helpUri?: string;
  /** A short excerpt of the offending text; secrets are always redacted. */
  readonly evidence?: string;
  readonly package?: PackageRef;
  readonly vulnerability?: VulnerabilityRef;
  readonly suppression?: Suppression;
}

/** A file (or part of one) that could not be read or parsed. The scan of everything else goes on. */
export interface ScanError {
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly startLine?: number;
  readonly startColumn?: number;
}

/**
 * A stable identity for baselines and exceptions: a hash of what the finding is about, never of
 * line numbers, so it survives lines moving.
 */
export function fingerprint(parts: readonly string[]): string {
  // The first 128 bits of the SHA-256 of `part\0part\0…` (one-shot: the same bytes as one update per
  // part and separator, about 3x faster; joined by one built-in call into a flat string).
  return sha256Text(parts.length === 0 ? '' : `${parts.join('\u0000')}\u0000`).slice(0, 32);
}
