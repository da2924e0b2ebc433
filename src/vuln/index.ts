// Public API of the vulnerability area (version ordering for now; advisories and matching follow).
export type { ParseProblem, SchemeId, Version, VersionError, VersionScheme } from './versioning/index.ts';
export { ECOSYSTEM_SCHEMES, SCHEME_IDS, compareVersions, parseVersion, schemeIdFor, tryCompareVersions, versionSchemeFor, versionSchemes } from './versioning/index.ts';
