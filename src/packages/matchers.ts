// Which files each package analyzer reads, apart from its parser: `palisade sbom` and `scan` test
// every walked file against these and load a parser (lazy.ts) only for the formats present.
import type { FileRef } from '../core/analyzer.ts';

/** What an analyzer is before its parser: id, version and the cheap `matches`. */
export interface AnalyzerMatcher {
  readonly id: string;
  readonly version: number;
  readonly matches: (file: FileRef, sniff: () => string) => boolean;
}

/** The last path segment (`lastIndexOf` and one slice: it runs for every walked file and matcher). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Matches by exact base names, outside `node_modules/` and `vendor/` copies. */
export function byBaseName(...names: readonly string[]): (file: FileRef) => boolean {
  const set = new Set(names);
  return (file) => set.has(baseName(file.path)) && !file.path.includes('node_modules/');
}

/** Where an image keeps its os-release (the first found wins). */
export const OS_RELEASE_PATHS: ReadonlySet<string> = new Set(['etc/os-release', 'usr/lib/os-release']);

export const APK_DATABASE_PATHS: ReadonlySet<string> = new Set(['lib/apk/db/installed']);
export const DPKG_STATUS_PATHS: ReadonlySet<string> = new Set(['var/lib/dpkg/status']);
const STATUS_D = /^var\/lib\/dpkg\/status\.d\/[^/]+$/;

/** The status database, or one distroless `status.d` stanza file (not its `.md5sums`). */
export function isDpkgStatus(file: FileRef): boolean {
  return DPKG_STATUS_PATHS.has(file.path) || (STATUS_D.test(file.path) && !file.path.endsWith('.md5sums'));
}

/** `pom.xml`, and `*.pom` files sniffed to hold a `<project>`. */
export function isPomFile(file: FileRef, sniff: () => string): boolean {
  const name = baseName(file.path);
  if (name === 'pom.xml') return true;
  return name.endsWith('.pom') && sniff().includes('<project');
}

/** `requirements.txt`, `requirements-dev.txt`, `requirements/*.txt` and the like. */
export function isRequirementsFile(file: FileRef): boolean {
  const name = baseName(file.path);
  return (/^requirements.*\.txt$/.test(name) || /(?:^|\/)requirements\/[^/]+\.txt$/.test(file.path)) && !file.path.includes('site-packages/');
}

export const APK: AnalyzerMatcher = { id: 'packages/apk', version: 1, matches: (file) => APK_DATABASE_PATHS.has(file.path) };
/** Ruby `Gemfile.lock` and `gems.locked`. */
export const BUNDLER: AnalyzerMatcher = { id: 'packages/bundler', version: 1, matches: byBaseName('Gemfile.lock', 'gems.locked') };
/** Rust `Cargo.lock`. */
export const CARGO: AnalyzerMatcher = { id: 'packages/cargo', version: 1, matches: byBaseName('Cargo.lock') };
/** PHP `composer.lock`. */
export const COMPOSER: AnalyzerMatcher = { id: 'packages/composer', version: 1, matches: (file) => byBaseName('composer.lock')(file) && !file.path.includes('vendor/') };
export const DPKG: AnalyzerMatcher = { id: 'packages/dpkg', version: 1, matches: isDpkgStatus };
/** Go `go.mod`: required modules, `replace` applied, the Go toolchain as `stdlib`. */
export const GO_MOD: AnalyzerMatcher = { id: 'packages/go-mod', version: 1, matches: byBaseName('go.mod') };
/** Go `go.sum`: every module version with a content hash. */
export const GO_SUM: AnalyzerMatcher = { id: 'packages/go-sum', version: 1, matches: byBaseName('go.sum') };
/** Gradle dependency locking: `gradle.lockfile` and `buildscript-gradle.lockfile`. */
export const GRADLE: AnalyzerMatcher = { id: 'packages/gradle', version: 1, matches: (file) => baseName(file.path).endsWith('gradle.lockfile') };
export const MAVEN: AnalyzerMatcher = { id: 'packages/maven', version: 1, matches: isPomFile };
/** npm `package-lock.json` (lockfileVersion 1, 2, 3) and `npm-shrinkwrap.json`. */
export const NPM: AnalyzerMatcher = { id: 'packages/npm', version: 1, matches: byBaseName('package-lock.json', 'npm-shrinkwrap.json') };
/** .NET `packages.lock.json`. */
export const NUGET: AnalyzerMatcher = { id: 'packages/nuget', version: 1, matches: byBaseName('packages.lock.json') };
export const PIP: AnalyzerMatcher = { id: 'packages/pip', version: 1, matches: isRequirementsFile };
/** Pipenv `Pipfile.lock`. */
export const PIPENV: AnalyzerMatcher = { id: 'packages/pipenv', version: 1, matches: byBaseName('Pipfile.lock') };
/** `pnpm-lock.yaml`, lockfile versions 5.x to 9.0. */
export const PNPM: AnalyzerMatcher = { id: 'packages/pnpm', version: 1, matches: byBaseName('pnpm-lock.yaml') };
/** Python `poetry.lock`. */
export const POETRY: AnalyzerMatcher = { id: 'packages/poetry', version: 1, matches: byBaseName('poetry.lock') };
/** Python `uv.lock`. */
export const UV: AnalyzerMatcher = { id: 'packages/uv', version: 1, matches: byBaseName('uv.lock') };
/** `yarn.lock`, Yarn classic (v1) and Berry (v2+). */
export const YARN: AnalyzerMatcher = { id: 'packages/yarn', version: 1, matches: byBaseName('yarn.lock') };
