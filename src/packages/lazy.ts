// The package analyzers as matchers plus a loader: `palisade sbom` and `scan` test every walked file
// with the matchers (matchers.ts, no parser loaded) and import a parser only for a format present.
// Loading every parser costs about 40 ms, more than parsing a typical lockfile.
import type { Analyzer } from '../core/analyzer.ts';
import type { AnalyzerMatcher } from './matchers.ts';
import { APK, BUNDLER, CARGO, COMPOSER, DPKG, GO_MOD, GO_SUM, GRADLE, MAVEN, NPM, NUGET, OS_RELEASE_PATHS, PIP, PIPENV, PNPM, POETRY, UV, YARN } from './matchers.ts';
import type { Distribution, PackageInventoryArtifact } from './model.ts';

/** An analyzer known by its matcher; `load` imports its parser (once). */
export interface LazyAnalyzer<A extends PackageInventoryArtifact = PackageInventoryArtifact> extends AnalyzerMatcher {
  readonly produces: A['kind'];
  load(): Promise<Analyzer<A>>;
}

/** What collecting inventories from a tree needs: the analyzers, and the os-release reader. */
export interface InventorySources {
  readonly analyzers: readonly LazyAnalyzer[];
  readonly osReleasePaths: ReadonlySet<string>;
  loadOsRelease(): Promise<OsReleaseReader>;
}

export interface OsReleaseReader {
  parseOsRelease(text: string): Distribution | undefined;
  applyDistribution(inventory: PackageInventoryArtifact, distribution: Distribution): PackageInventoryArtifact;
}

function lazy(matcher: AnalyzerMatcher, load: () => Promise<Analyzer<PackageInventoryArtifact>>): LazyAnalyzer {
  let loaded: Promise<Analyzer<PackageInventoryArtifact>> | undefined;
  return Object.freeze({ ...matcher, produces: 'package-inventory', load: () => (loaded ??= load()) });
}

/** Every package analyzer, in the order of `packageAnalyzers` (index.ts). */
export const lazyPackageAnalyzers: readonly LazyAnalyzer[] = Object.freeze([
  lazy(APK, async () => (await import('./apk/index.ts')).apkAnalyzer),
  lazy(BUNDLER, async () => (await import('./bundler/index.ts')).gemfileLockAnalyzer),
  lazy(CARGO, async () => (await import('./cargo/index.ts')).cargoLockAnalyzer),
  lazy(COMPOSER, async () => (await import('./composer/index.ts')).composerLockAnalyzer),
  lazy(DPKG, async () => (await import('./dpkg/index.ts')).dpkgAnalyzer),
  lazy(GO_MOD, async () => (await import('./go/index.ts')).goModAnalyzer),
  lazy(GO_SUM, async () => (await import('./go/index.ts')).goSumAnalyzer),
  lazy(GRADLE, async () => (await import('./gradle/index.ts')).gradleLockfileAnalyzer),
  lazy(MAVEN, async () => (await import('./maven/index.ts')).pomAnalyzer),
  lazy(NPM, async () => (await import('./npm/index.ts')).npmLockAnalyzer),
  lazy(NUGET, async () => (await import('./nuget/index.ts')).nugetLockAnalyzer),
  lazy(PIP, async () => (await import('./pip/index.ts')).requirementsAnalyzer),
  lazy(PIPENV, async () => (await import('./pipenv/index.ts')).pipfileLockAnalyzer),
  lazy(PNPM, async () => (await import('./pnpm/index.ts')).pnpmLockAnalyzer),
  lazy(POETRY, async () => (await import('./poetry/index.ts')).poetryLockAnalyzer),
  lazy(UV, async () => (await import('./uv/index.ts')).uvLockAnalyzer),
  lazy(YARN, async () => (await import('./yarn/index.ts')).yarnLockAnalyzer),
]);

/** The package area's sources for `collectInventories`, loading parsers on demand. */
export const lazyInventorySources: InventorySources = Object.freeze({
  analyzers: lazyPackageAnalyzers,
  osReleasePaths: OS_RELEASE_PATHS,
  loadOsRelease: async () => import('./os-release/index.ts'),
});
