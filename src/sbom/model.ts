import type { Distribution, PackageEcosystem, PackageScope, SkipReason } from '../packages/index.ts';
import type { SbomHash } from './hashes.ts';

/** What the SBOM describes: the scanned folder (or file), or an image. */
export interface SbomSubject {
  readonly name: string;
  readonly version?: string;
  readonly kind: 'directory' | 'file' | 'image';
}

export const SBOM_FORMATS = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const;

export type SbomFormat = (typeof SBOM_FORMATS)[number];

/** One unique package (by purl) of the inventories, as both writers emit it. */
export interface SbomPackage {
  readonly purl: string;
  readonly ecosystem: PackageEcosystem;
  /** CycloneDX `group`: the npm scope or the Maven groupId; `name` is then the rest. */
  readonly group: string | undefined;
  readonly name: string;
  /** The full package name as the ecosystem writes it (`@scope/name`, `group:artifact`). */
  readonly fullName: string;
  readonly version: string;
  readonly scope: PackageScope | undefined;
  readonly direct: boolean | undefined;
  readonly hashes: readonly SbomHash[];
  /** The files that list the package (sorted). */
  readonly sourceFiles: readonly string[];
  readonly skipReason: SkipReason | undefined;
  readonly sourceName: string | undefined;
  readonly sourceVersion: string | undefined;
  readonly commit: string | undefined;
  /** Purls of its dependencies (sorted). */
  readonly dependsOn: readonly string[];
}

export interface SbomModel {
  readonly subject: SbomSubject;
  /** Sorted by purl. */
  readonly packages: readonly SbomPackage[];
  /** Purls the subject depends on directly (sorted). */
  readonly rootDependsOn: readonly string[];
  /** The operating system of OS package inventories, when known. */
  readonly distribution: Distribution | undefined;
}

export interface BuildOptions {
  /** Defaults to now. */
  readonly timestamp?: Date;
  /** CycloneDX `serialNumber` / SPDX namespace suffix; a random UUID by default. */
  readonly uuid?: string;
  /** Tool version written into the document; defaults to Palisade's. */
  readonly toolVersion?: string;
}
