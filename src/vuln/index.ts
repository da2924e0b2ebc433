// Public API of the vulnerability area: version ordering, the OSV advisory database, matching and VEX.
export type { AdvisorySource, OsvAffected, OsvEvent, OsvPackage, OsvRange, OsvRecord, OsvSeverity } from './osv.ts';
export type { ParseProblem, SchemeId, Version, VersionError, VersionScheme } from './versioning/index.ts';
export { ECOSYSTEM_SCHEMES, SCHEME_IDS, compareVersions, parseVersion, schemeIdFor, tryCompareVersions, versionSchemeFor, versionSchemes } from './versioning/index.ts';
export type { AdvisoryDatabase, AdvisoryDatabaseMeta, ImportSummary, LoadedAdvisories, UpdateSummary } from './db/index.ts';
export { checkDatabaseAge, defaultDatabasePath, importAdvisories, loadAdvisoryFolder, openAdvisoryDatabase, parseOsvRecord, readDatabaseMeta, updateAdvisories } from './db/index.ts';
export type { VulnerabilityMatchOptions, VulnerabilityMatchResult } from './match/index.ts';
export { VersionCache, isAffected, vulnerabilityFindings } from './match/index.ts';
export { CvssCalculator } from './cvss/index.ts';
export type { VexDocument, VexStatement } from './vex/index.ts';
export { applyVex, parseVex, readVexFile } from './vex/index.ts';
