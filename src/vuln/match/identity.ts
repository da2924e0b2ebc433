// Package identity: which inventory entry an OSV `affected[].package` names. Language ecosystems
// compare names after the ecosystem's own normalisation; OS ecosystems compare the package the
// distribution's advisories are keyed by (Debian/Ubuntu: the dpkg source package; Alpine: the apk
// origin; RPM distributions: binary or source RPM) and accept only entries for the image's release.
// The rules per distribution are in docs/decisions/0024-b-matching.md.
import type { Distribution, PackageEcosystem, PackageEntry } from '../../packages/index.ts';
import type { OsvPackage } from '../osv.ts';

/** What to ask an AdvisorySource for, and how to recognise the package in the answers. */
export interface PackageQuery {
  /** Bare OSV ecosystem (`Debian`, not `Debian:12`). */
  readonly ecosystem: PackageEcosystem;
  /** Names to look up (the advisory key first); normalised names compare. */
  readonly names: readonly string[];
  /** The version to evaluate (the source package's version for Debian and Ubuntu). */
  readonly version: string;
  /** Set for OS ecosystems: the release an `Ecosystem:release` suffix must name. */
  readonly distribution: Distribution | undefined;
  /** True when the query uses the source package (name or version) rather than the entry's own. */
  readonly viaSource: boolean;
}

const OS_ECOSYSTEMS: ReadonlySet<string> = new Set(['Debian', 'Ubuntu', 'Alpine', 'Red Hat', 'Rocky Linux', 'AlmaLinux']);

export function isOsEcosystem(ecosystem: string): boolean {
  return OS_ECOSYSTEMS.has(ecosystem);
}

/** The bare ecosystem of an OSV ecosystem string (`Debian:12` → `Debian`). */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** A name as the ecosystem compares it: PEP 503 for PyPI, lower case for Packagist and NuGet. */
export function normalisePackageName(ecosystem: string, name: string): string {
  switch (baseEcosystem(ecosystem)) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'Packagist':
    case 'NuGet':
      return name.toLowerCase();
    default:
      return name;
  }
}

export function packageQuery(ecosystem: PackageEcosystem, entry: PackageEntry, distribution: Distribution | undefined): PackageQuery {
  switch (ecosystem) {
    case 'Debian':
    case 'Ubuntu': {
      const name = entry.sourceName ?? entry.name;
      const version = entry.sourceVersion ?? entry.version;
      return { ecosystem, names: [name], version, distribution, viaSource: name !== entry.name || version !== entry.version };
    }
    case 'Alpine': {
      const name = entry.sourceName ?? entry.name;
      return { ecosystem, names: [name], version: entry.version, distribution, viaSource: name !== entry.name };
    }
    case 'Red Hat':
    case 'Rocky Linux':
    case 'AlmaLinux': {
      const names = entry.sourceName === undefined || entry.sourceName === entry.name ? [entry.name] : [entry.name, entry.sourceName];
      return { ecosystem, names, version: entry.version, distribution, viaSource: false };
    }
    default: {
      const normalised = normalisePackageName(ecosystem, entry.name);
      const names = normalised === entry.name ? [entry.name] : [entry.name, normalised];
      return { ecosystem, names, version: entry.version, distribution: undefined, viaSource: false };
    }
  }
}

/** How an `affected[].package` relates to a query: the same package (and release), or not. */
export type PackageRelation = 'same' | 'other-package' | 'other-release' | 'unknown-release';

export function relatePackage(pkg: OsvPackage | undefined, query: PackageQuery): PackageRelation {
  if (pkg === undefined || baseEcosystem(pkg.ecosystem) !== query.ecosystem) return 'other-package';
  const name = normalisePackageName(query.ecosystem, pkg.name);
  if (!query.names.some((candidate) => normalisePackageName(query.ecosystem, candidate) === name)) return 'other-package';
  if (!isOsEcosystem(query.ecosystem)) return 'same';
  return relateRelease(pkg.ecosystem, query.distribution);
}

/** Whether an OS ecosystem string's release suffix names the distribution; no suffix applies to every release. */
export function relateRelease(ecosystem: string, distribution: Distribution | undefined): PackageRelation {
  const colon = ecosystem.indexOf(':');
  if (colon === -1) return 'same';
  if (distribution === undefined) return 'unknown-release';
  const suffix = ecosystem.slice(colon + 1);
  return releaseMatches(baseEcosystem(ecosystem), suffix, distribution) ? 'same' : 'other-release';
}

function major(versionId: string): string {
  return versionId.split('.')[0] ?? '';
}

function releaseMatches(ecosystem: string, suffix: string, distribution: Distribution): boolean {
  const { versionId } = distribution;
  switch (ecosystem) {
    case 'Debian':
      // `Debian:12`; testing and unstable images have no VERSION_ID, only a codename (`Debian:sid`).
      return versionId === '' ? suffix === distribution.versionCodename || suffix === 'sid' : suffix === major(versionId);
    case 'Ubuntu': {
      // `Ubuntu:22.04:LTS`, `Ubuntu:Pro:18.04:LTS`, `Ubuntu:24.10`; other variants (FIPS …) need their own images.
      const parts = suffix.split(':').filter((part) => part !== 'LTS' && part !== 'Pro');
      return parts.length === 1 && parts[0] === versionId;
    }
    case 'Alpine':
      // `Alpine:v3.19` for VERSION_ID 3.19.1 (and 3.20.0_alpha… edge snapshots).
      return suffix === `v${versionId.split('.').slice(0, 2).join('.')}`;
    case 'Red Hat': {
      // CPE suffix `enterprise_linux:9::appstream`; extended streams (rhel_eus, rhel_aus …) are not the base OS.
      const [product, version] = suffix.split(':');
      return product === 'enterprise_linux' && version === major(versionId);
    }
    default:
      // `Rocky Linux:9`, `AlmaLinux:8`.
      return suffix === major(versionId);
  }
}
