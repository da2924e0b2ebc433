// Vulnerability summaries of one image: counts by severity and the worst ids, from an SBOM matched against
// the advisory database (by the watch store's matcher, which the CLI passes in, so `cluster images` and
// `palisade watch` agree), or from the counts a signed Palisade scan attestation recorded.
import type { Severity } from '../core/index.ts';
import { compareSeverity, isSeverity, PalisadeError, SEVERITIES } from '../core/index.ts';

/** One vulnerability of one package. */
export interface VulnerabilityId {
  readonly id: string;
  readonly severity: Severity;
  /** The package's purl (or `ecosystem/name@version`). */
  readonly package: string;
}

export interface VulnerabilitySummary {
  readonly counts: Readonly<Record<Severity, number>>;
  readonly total: number;
  /** The most severe (at most WORST_SHOWN), most severe first then by id; absent when the source has no ids. */
  readonly worst?: readonly VulnerabilityId[];
}

export const WORST_SHOWN = 3;

/** What matching one SBOM against the advisories gives: one entry per vulnerability and package, and why the SBOM could not be read. */
export interface SbomMatch {
  readonly candidates: readonly { readonly vulnerability: string; readonly package: string; readonly severity: string }[];
  readonly problems: readonly string[];
}

/** Matches one SBOM (digest, CycloneDX or SPDX JSON text) against the advisory database. */
export type SbomMatcher = (digest: string, sbom: string) => SbomMatch;

/** Counts and worst ids of one SBOM's matches; SBOM_INVALID when it could not be read at all. */
export function summariseSbom(digest: string, sbom: string, match: SbomMatcher): VulnerabilitySummary {
  const { candidates, problems } = match(digest, sbom);
  const problem = problems[0];
  if (problem !== undefined && candidates.length === 0) throw new PalisadeError('SBOM_INVALID', problem);
  const found: VulnerabilityId[] = candidates.map((candidate) => ({ id: candidate.vulnerability, severity: isSeverity(candidate.severity) ? candidate.severity : 'info', package: candidate.package }));
  found.sort((a, b) => compareSeverity(a.severity, b.severity) || compareText(a.id, b.id) || compareText(a.package, b.package));
  const counts = emptyCounts();
  for (const entry of found) counts[entry.severity] += 1;
  return { counts, total: found.length, worst: found.slice(0, WORST_SHOWN) };
}

/** The `counts` of a `palisade-scan` predicate, when it has the documented shape; undefined otherwise. */
export function scanPredicateCounts(predicate: unknown): { summary: VulnerabilitySummary; timestamp: string | undefined; verdict: string | undefined } | undefined {
  if (!isRecord(predicate) || !isRecord(predicate['counts'])) return undefined;
  const recorded = predicate['counts'];
  const counts = emptyCounts();
  for (const severity of SEVERITIES) {
    const value = recorded[severity];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
    counts[severity] = value;
  }
  const timestamp = typeof predicate['timestamp'] === 'string' ? predicate['timestamp'] : undefined;
  const verdict = typeof predicate['verdict'] === 'string' ? predicate['verdict'] : undefined;
  return { summary: { counts, total: SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0) }, timestamp, verdict };
}

/** `3 (critical 1, high 0, medium 2, low 0, info 0)`. */
export function formatCounts(summary: VulnerabilitySummary): string {
  return `${summary.total} (${SEVERITIES.map((severity) => `${severity} ${summary.counts[severity]}`).join(', ')})`;
}

function emptyCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
