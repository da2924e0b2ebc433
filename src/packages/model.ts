import type { Artifact, Location, ReportTarget, ScanError, SourceDocument, SourceRange } from '../core/index.ts';
import { locationFromRange } from '../core/location.ts';

/** OSV ecosystem names of the inventories this area produces. */
export type PackageEcosystem =
  | 'npm'
  | 'PyPI'
  | 'Go'
  | 'crates.io'
  | 'RubyGems'
  | 'Packagist'
  | 'Maven'
  | 'NuGet'
  | 'Debian'
  | 'Ubuntu'
  | 'Alpine'
  | 'Red Hat'
  | 'Rocky Linux'
  | 'AlmaLinux';

/** Where the format says so: production, development, optional or peer dependency. */
export type PackageScope = 'prod' | 'dev' | 'optional' | 'peer';

/** Why an entry is kept but cannot be matched against advisories by name and version. */
export type SkipReason = 'unpinned' | 'local-path' | 'git' | 'url' | 'workspace' | 'unresolved-property' | 'not-installed';

/** A dependency edge as the file records it: the dependency's name and, where given, its requirement or resolved version. */
export interface DependencyEdge {
  readonly name: string;
  readonly requirement?: string;
}

export interface PackageEntry {
  readonly name: string;
  /** Resolved version; `''` when the file gives none (then `skipReason` says why). */
  readonly version: string;
  readonly purl: string;
  /** `true` when the project declares it, `false` when only pulled in, `undefined` when the format does not say. */
  readonly direct: boolean | undefined;
  readonly scope: PackageScope | undefined;
  /** The entry in the file (for JSON: from its key to the end of its value). */
  readonly range: SourceRange;
  readonly dependencies: readonly DependencyEdge[];
  readonly skipReason?: SkipReason;
  /** Source package for OS packages (dpkg `Source:`, apk origin, rpm source rpm name). */
  readonly sourceName?: string;
  readonly sourceVersion?: string;
  /** Git commit, integrity hash or checksum recorded for the entry. */
  readonly commit?: string;
  readonly integrity?: string;
}

export interface Distribution {
  readonly id: string;
  readonly versionId: string;
  readonly versionCodename?: string;
  readonly prettyName?: string;
}

export interface PackageInventoryArtifact extends Artifact {
  readonly kind: 'package-inventory';
  readonly ecosystem: PackageEcosystem;
  /** The file format, e.g. `package-lock@3`, `yarn@1`, `dpkg-status`. */
  readonly format: string;
  readonly packages: readonly PackageEntry[];
  /** Files the input names but the analyzer does not follow (`-r other.txt`), with their positions. */
  readonly includes: readonly { readonly path: string; readonly range: SourceRange }[];
  /** Set on OS package inventories once the image's os-release is known (see `applyDistribution`). */
  readonly distribution: Distribution | undefined;
}

/** What each parser returns: the inventory (none when the file is unreadable as a whole) and per-entry errors. */
export interface ParsedInventory {
  readonly artifact: PackageInventoryArtifact | undefined;
  readonly errors: readonly ScanError[];
}

export interface InventoryContent {
  readonly ecosystem: PackageEcosystem;
  readonly format: string;
  readonly packages: readonly PackageEntry[];
  readonly includes?: readonly { readonly path: string; readonly range: SourceRange }[];
  readonly distribution?: Distribution;
}

export function createPackageInventory(source: SourceDocument, content: InventoryContent): PackageInventoryArtifact {
  return Object.freeze({
    kind: 'package-inventory',
    source,
    ecosystem: content.ecosystem,
    format: content.format,
    packages: content.packages,
    includes: content.includes ?? [],
    distribution: content.distribution,
    identity: `package-inventory:${content.format}`,
    locate(target: ReportTarget): Location {
      if ('range' in target) return locationFromRange(source.path, target.range);
      return { path: source.path, jsonPointer: target.pointer };
    },
  });
}

/** A parse error for one entry (or the whole file), named by file and position. */
export function entryError(source: SourceDocument, offset: number, message: string): ScanError {
  const position = source.lines.positionAt(offset);
  return { path: source.path, code: 'PARSE_FAILED', message, startLine: position.line, startColumn: position.column };
}
