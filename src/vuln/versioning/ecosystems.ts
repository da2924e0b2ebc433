import { apkScheme } from './apk.ts';
import { cranScheme } from './cran.ts';
import { dpkgScheme } from './dpkg.ts';
import { goScheme } from './go.ts';
import { hackageScheme } from './hackage.ts';
import { mavenScheme } from './maven.ts';
import { nugetScheme } from './nuget.ts';
import { packagistScheme } from './packagist.ts';
import { pep440Scheme } from './pep440.ts';
import { pubScheme } from './pub.ts';
import { rpmScheme } from './rpm.ts';
import { rubygemsScheme } from './rubygems.ts';
import type { SchemeId, VersionScheme } from './scheme.ts';
import { semverScheme } from './semver.ts';

/** Every scheme, by id (sorted). */
export const versionSchemes: Readonly<Record<SchemeId, VersionScheme>> = Object.freeze({
  apk: apkScheme,
  cran: cranScheme,
  dpkg: dpkgScheme,
  go: goScheme,
  hackage: hackageScheme,
  maven: mavenScheme,
  nuget: nugetScheme,
  packagist: packagistScheme,
  pep440: pep440Scheme,
  pub: pubScheme,
  rpm: rpmScheme,
  rubygems: rubygemsScheme,
  semver: semverScheme,
});

/**
 * OSV ecosystem names (https://ossf.github.io/osv-schema/#defined-ecosystems) and the scheme that
 * orders their versions. A suffix after the first `:` (a distribution release, as in `Debian:12`,
 * `Alpine:v3.20` or `Red Hat:enterprise_linux:9::appstream`) does not change the scheme.
 */
export const ECOSYSTEM_SCHEMES: Readonly<Record<string, SchemeId>> = Object.freeze({
  AlmaLinux: 'rpm',
  Alpine: 'apk',
  'Azure Linux': 'rpm',
  Bioconductor: 'cran',
  Bitnami: 'semver',
  CRAN: 'cran',
  Chainguard: 'apk',
  Debian: 'dpkg',
  'GitHub Actions': 'semver',
  Go: 'go',
  Hackage: 'hackage',
  Hex: 'semver',
  Mageia: 'rpm',
  Maven: 'maven',
  MinimOS: 'apk',
  NuGet: 'nuget',
  Packagist: 'packagist',
  'Photon OS': 'rpm',
  Pub: 'pub',
  PyPI: 'pep440',
  'Red Hat': 'rpm',
  'Rocky Linux': 'rpm',
  RubyGems: 'rubygems',
  SUSE: 'rpm',
  SwiftURL: 'semver',
  Ubuntu: 'dpkg',
  Wolfi: 'apk',
  'crates.io': 'semver',
  npm: 'semver',
  openEuler: 'rpm',
  openSUSE: 'rpm',
});

/** The scheme of an OSV ecosystem string, or undefined when Palisade has none for it. */
export function schemeIdFor(ecosystem: string): SchemeId | undefined {
  const colon = ecosystem.indexOf(':');
  const base = colon === -1 ? ecosystem : ecosystem.slice(0, colon);
  return Object.hasOwn(ECOSYSTEM_SCHEMES, base) ? ECOSYSTEM_SCHEMES[base] : undefined;
}
