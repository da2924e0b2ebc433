import type { Finding } from '../core/index.ts';

/** Decides whether a selector (from an exception or an inline comment) names a finding. */
export type SelectorMatcher = (finding: Finding, selector: string) => boolean;

/**
 * The default matcher: a rule id (`DKR-0001`), a slug (`no-latest-tag`), an alias string
 * (`hadolint:DL3007`), or a vulnerability id or alias (`CVE-2021-23337`, `GHSA-…`); case-insensitive.
 * Packs are not known here: the catalogue passes its own matcher when it wants them.
 */
export function findingMatchesSelector(finding: Finding, selector: string): boolean {
  const wanted = selector.trim().toLowerCase();
  if (wanted === '') return false;
  if (finding.ruleId.toLowerCase() === wanted || finding.slug.toLowerCase() === wanted) return true;
  if (finding.aliases.some((alias) => alias.toLowerCase() === wanted)) return true;
  return findingMatchesVulnerability(finding, wanted);
}

/** True when the finding is about the vulnerability `id` (its id or one of its aliases; case-insensitive). */
export function findingMatchesVulnerability(finding: Finding, id: string): boolean {
  const { vulnerability } = finding;
  if (vulnerability === undefined) return false;
  const wanted = id.trim().toLowerCase();
  return vulnerability.id.toLowerCase() === wanted || vulnerability.aliases.some((alias) => alias.toLowerCase() === wanted);
}
