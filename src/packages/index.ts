import type { Analyzer } from '../core/index.ts';
import { apkAnalyzer } from './apk/index.ts';
import { gemfileLockAnalyzer } from './bundler/index.ts';
import { cargoLockAnalyzer } from './cargo/index.ts';
import { composerLockAnalyzer } from './composer/index.ts';
import { dpkgAnalyzer } from './dpkg/index.ts';
import { goModAnalyzer, goSumAnalyzer } from './go/index.ts';
import { gradleLockfileAnalyzer } from './gradle/index.ts';
import { pomAnalyzer } from './maven/index.ts';
import type { PackageInventoryArtifact } from './model.ts';
import { npmLockAnalyzer } from './npm/index.ts';
import { nugetLockAnalyzer } from './nuget/index.ts';
import { requirementsAnalyzer } from './pip/index.ts';
import { pipfileLockAnalyzer } from './pipenv/index.ts';
import { pnpmLockAnalyzer } from './pnpm/index.ts';
import { poetryLockAnalyzer } from './poetry/index.ts';
import { uvLockAnalyzer } from './uv/index.ts';
import { yarnLockAnalyzer } from './yarn/index.ts';

export { APK_DATABASE_PATHS, apkAnalyzer, parseApkInstalled } from './apk/index.ts';
export { gemfileLockAnalyzer, parseGemfileLock } from './bundler/index.ts';
export { cargoLockAnalyzer, parseCargoLock } from './cargo/index.ts';
export { composerLockAnalyzer, parseComposerLock } from './composer/index.ts';
export { DPKG_STATUS_PATHS, dpkgAnalyzer, isDpkgStatus, parseDpkgStatus } from './dpkg/index.ts';
export { goModAnalyzer, goSumAnalyzer, osvGoVersion, parseGoMod, parseGoSum } from './go/index.ts';
export { gradleLockfileAnalyzer, parseGradleLockfile } from './gradle/index.ts';
export { interpolate, isPomFile, parsePom, pomAnalyzer } from './maven/index.ts';
export type { DependencyEdge, Distribution, PackageEcosystem, PackageEntry, PackageInventoryArtifact, PackageScope, ParsedInventory, SkipReason } from './model.ts';
export { createPackageInventory } from './model.ts';
export { classifyNpmVersion, npmLockAnalyzer, parseNpmLock } from './npm/index.ts';
export { nugetLockAnalyzer, parseNugetLock } from './nuget/index.ts';
export { OS_RELEASE_PATHS, applyDistribution, distroQualifier, parseOsRelease } from './os-release/index.ts';
export { isRequirementsFile, parseRequirements, pinnedVersion, requirementsAnalyzer } from './pip/index.ts';
export { parsePipfileLock, pipfileLockAnalyzer } from './pipenv/index.ts';
export { parsePnpmKey, parsePnpmLock, pnpmLockAnalyzer } from './pnpm/index.ts';
export { parsePoetryLock, poetryLockAnalyzer } from './poetry/index.ts';
export type { JsonMember } from './shared/json.ts';
export type { InventorySources, LazyAnalyzer, OsReleaseReader } from './lazy.ts';
export { lazyInventorySources, lazyPackageAnalyzers } from './lazy.ts';
export type { AnalyzerMatcher } from './matchers.ts';
export { jsonElements, jsonMembers } from './shared/json.ts';
export type { PurlParts } from './purl.ts';
export { formatPurl, golangPurl, npmPurl, withPurlQualifier } from './purl.ts';
export type { RpmHeader } from './rpm/index.ts';
export { RPM_DATABASE_PATHS, RPM_TAGS, buildRpmHeader, parseRpmDatabase, parseRpmHeader, rpmVersion } from './rpm/index.ts';
export { parseUvLock, uvLockAnalyzer } from './uv/index.ts';
export { parseYarnLock, yarnLockAnalyzer } from './yarn/index.ts';

/** Every package analyzer, sorted by id. The rpm database is binary: see `parseRpmDatabase`. */
export const packageAnalyzers: readonly Analyzer<PackageInventoryArtifact>[] = Object.freeze([
  apkAnalyzer,
  gemfileLockAnalyzer,
  cargoLockAnalyzer,
  composerLockAnalyzer,
  dpkgAnalyzer,
  goModAnalyzer,
  goSumAnalyzer,
  gradleLockfileAnalyzer,
  pomAnalyzer,
  npmLockAnalyzer,
  nugetLockAnalyzer,
  requirementsAnalyzer,
  pipfileLockAnalyzer,
  pnpmLockAnalyzer,
  poetryLockAnalyzer,
  uvLockAnalyzer,
  yarnLockAnalyzer,
]);
