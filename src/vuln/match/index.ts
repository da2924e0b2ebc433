// Public API of src/vuln/match: OSV evaluation, package identity, alias grouping and findings.
export type { RecordMatch, VulnerabilityGroup } from './aliases.ts';
export { groupMatches, preferredId } from './aliases.ts';
export type { Evaluation, EvaluationProblem, RangeResult } from './evaluate.ts';
export { evaluateRange, isAffected, isVulnerable } from './evaluate.ts';
export { VULNERABILITY_COMPLIANCE, helpUriOf, slugifyId } from './finding.ts';
export type { PackageQuery, PackageRelation } from './identity.ts';
export { baseEcosystem, isOsEcosystem, normalisePackageName, packageQuery, relatePackage, relateRelease } from './identity.ts';
export type { VulnerabilityMatchOptions, VulnerabilityMatchResult } from './match.ts';
export { vulnerabilityFindings } from './match.ts';
export type { SeverityVerdict } from './severity.ts';
export { severityOf } from './severity.ts';
export { createMemorySource } from './memory-source.ts';
export { VersionCache } from './version-cache.ts';
