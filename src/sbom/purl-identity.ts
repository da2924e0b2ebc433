import { createRequire } from 'node:module';
import type { PackageURL } from 'packageurl-js';
import type { Distribution, PackageEcosystem } from '../packages/index.ts';
import { osvGoVersion } from '../packages/index.ts';

/** What a purl says about a package, in the terms of the inventories (OSV ecosystem and name). */
export interface PurlIdentity {
  readonly ecosystem: PackageEcosystem;
  readonly name: string;
  readonly version: string;
  readonly distribution: Distribution | undefined;
  /** The source package of an OS package (`upstream` qualifier: `glibc` or `gcc-12@12.2.0-14`). */
  readonly sourceName: string | undefined;
  readonly sourceVersion: string | undefined;
}

const LANGUAGE_TYPES = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  maven: 'Maven',
  nuget: 'NuGet',
} as const satisfies Record<string, PackageEcosystem>;

/** OS package types: the purl namespace names the distribution. */
const OS_NAMESPACES = {
  deb: { debian: 'Debian', ubuntu: 'Ubuntu' },
  apk: { alpine: 'Alpine' },
  rpm: { redhat: 'Red Hat', rhel: 'Red Hat', centos: 'Red Hat', rocky: 'Rocky Linux', almalinux: 'AlmaLinux', alma: 'AlmaLinux' },
} as const satisfies Record<string, Record<string, PackageEcosystem>>;

const LANGUAGE: ReadonlyMap<string, PackageEcosystem> = new Map(Object.entries(LANGUAGE_TYPES));
const OS: ReadonlyMap<string, ReadonlyMap<string, PackageEcosystem>> = new Map(Object.entries(OS_NAMESPACES).map(([type, namespaces]) => [type, new Map(Object.entries(namespaces))]));

function ecosystemOf(purl: PackageURL): PackageEcosystem | undefined {
  const language = LANGUAGE.get(purl.type);
  if (language !== undefined) return language;
  return OS.get(purl.type)?.get((purl.namespace ?? '').toLowerCase());
}

/** The name as the ecosystem writes it: npm `@scope/name`, Go and Composer `path/name`, Maven `group:artifact`. */
function fullName(purl: PackageURL): string {
  const namespace = purl.namespace ?? '';
  if (namespace === '') return purl.name;
  switch (purl.type) {
    case 'npm':
    case 'golang':
    case 'composer':
      return `${namespace}/${purl.name}`;
    case 'maven':
      return `${namespace}:${purl.name}`;
    default:
      return purl.name;
  }
}

/** `distro=debian-12` → { id: debian, versionId: 12 }; a bare codename (`bookworm`) keeps the namespace as id. */
function distributionOf(purl: PackageURL): Distribution | undefined {
  const distro = purl.qualifiers?.['distro'];
  if (distro === undefined || distro === '') return undefined;
  const namespace = (purl.namespace ?? '').toLowerCase();
  if (distro.toLowerCase().startsWith(`${namespace}-`)) return { id: namespace, versionId: distro.slice(namespace.length + 1) };
  return { id: namespace, versionId: '', versionCodename: distro };
}

function upstreamOf(purl: PackageURL): { sourceName: string | undefined; sourceVersion: string | undefined } {
  const upstream = purl.qualifiers?.['upstream'];
  if (upstream === undefined || upstream === '') return { sourceName: undefined, sourceVersion: undefined };
  const at = upstream.indexOf('@');
  if (at <= 0) return { sourceName: upstream, sourceVersion: undefined };
  return { sourceName: upstream.slice(0, at), sourceVersion: upstream.slice(at + 1) };
}

let packageUrl: typeof import('packageurl-js') | undefined;

/** packageurl-js on first use: only reading SBOMs needs it, and `palisade sbom` should not pay for its load. */
function parsePurl(text: string): PackageURL {
  packageUrl ??= loadPackageUrl();
  return packageUrl.PackageURL.fromString(text);
}

function loadPackageUrl(): typeof import('packageurl-js') {
  const loaded: typeof import('packageurl-js') = createRequire(import.meta.url)('packageurl-js');
  return loaded;
}

export type PurlReading = { readonly ok: true; readonly identity: PurlIdentity } | { readonly ok: false; readonly reason: string };

/** Reads a purl into an OSV ecosystem, name and version; says why when it cannot (malformed, or a type Palisade does not match). */
export function identifyPurl(text: string, fallbackVersion = ''): PurlReading {
  let purl: PackageURL;
  try {
    purl = parsePurl(text);
  } catch (cause) {
    return { ok: false, reason: `malformed purl "${text}": ${cause instanceof Error ? cause.message : String(cause)}` };
  }
  const ecosystem = ecosystemOf(purl);
  if (ecosystem === undefined) return { ok: false, reason: `no advisory ecosystem for purl type "${purl.type}"${purl.namespace === undefined ? '' : ` and namespace "${purl.namespace}"`}` };
  const rawVersion = purl.version ?? fallbackVersion;
  const version = ecosystem === 'Go' ? osvGoVersion(rawVersion) : rawVersion;
  const distribution = OS.has(purl.type) ? distributionOf(purl) : undefined;
  return { ok: true, identity: { ecosystem, name: fullName(purl), version, distribution, ...upstreamOf(purl) } };
}
