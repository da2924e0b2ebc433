import type { ScanError, SourceDocument } from '../core/index.ts';
import type { DependencyEdge, Distribution, PackageEcosystem, PackageEntry, PackageScope, SkipReason } from '../packages/index.ts';
import { createPackageInventory } from '../packages/index.ts';
import type { PurlIdentity } from './purl-identity.ts';
import { identifyPurl } from './purl-identity.ts';
import type { ReadComponent, ReadDocument, SbomContent, UnmatchedComponent } from './read-model.ts';

const SCOPES = { required: 'prod', optional: 'optional', excluded: 'dev' } as const satisfies Record<string, PackageScope>;
/** Components of these types describe the subject, files or the OS, not packages: never "unmatched". */
const NOT_PACKAGES: ReadonlySet<string> = new Set(['operating-system', 'application', 'container', 'file', 'device', 'firmware', 'platform', 'data', 'machine-learning-model', 'cryptographic-asset', 'source', 'install', 'archive', 'other']);
/** Property names other tools use for an OS package's source package. */
const SOURCE_NAME_KEYS = ['palisade:source-name', 'aquasecurity:trivy:SrcName', 'syft:metadata:source'];
const SOURCE_VERSION_KEYS = ['palisade:source-version', 'aquasecurity:trivy:SrcVersion', 'syft:metadata:sourceVersion'];

function property(component: ReadComponent, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = component.properties.find((entry) => entry.name === key);
    if (found !== undefined) return found.value;
  }
  return undefined;
}

function normalised(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The component's own spelling of the name when it is the purl's name (PyPI `Django` for `pkg:pypi/django`, PEP 503). */
function preferredName(identity: PurlIdentity, component: ReadComponent): string {
  if (identity.ecosystem !== 'PyPI') return identity.name;
  const wanted = normalised(identity.name);
  return component.names.find((name) => normalised(name) === wanted) ?? identity.name;
}

function scopeOf(component: ReadComponent): PackageScope | undefined {
  const declared = narrowScope(property(component, ['palisade:scope']) ?? '');
  if (declared !== undefined) return declared;
  return component.scope === undefined ? undefined : SCOPES[component.scope];
}

function narrowScope(value: string): PackageScope | undefined {
  switch (value) {
    case 'prod':
    case 'dev':
    case 'optional':
    case 'peer':
      return value;
    default:
      return undefined;
  }
}

function skipReasonOf(component: ReadComponent, version: string): SkipReason | undefined {
  const declared = narrowSkip(property(component, ['palisade:skip-reason']) ?? '');
  if (declared !== undefined) return declared;
  return version === '' ? 'unpinned' : undefined;
}

function narrowSkip(value: string): SkipReason | undefined {
  switch (value) {
    case 'unpinned':
    case 'local-path':
    case 'git':
    case 'url':
    case 'workspace':
    case 'unresolved-property':
    case 'not-installed':
      return value;
    default:
      return undefined;
  }
}

/** Subresource Integrity from the strongest hash, so the entry carries what the lockfile carried. */
function integrityOf(component: ReadComponent): string | undefined {
  for (const [alg, prefix] of [['SHA-512', 'sha512'], ['SHA-384', 'sha384'], ['SHA-256', 'sha256'], ['SHA-1', 'sha1']] as const) {
    const hash = component.hashes.find((candidate) => candidate.alg.replace('-', '').toUpperCase() === alg.replace('-', ''));
    if (hash !== undefined && /^[0-9a-fA-F]+$/.test(hash.content)) return `${prefix}-${Buffer.from(hash.content, 'hex').toString('base64')}`;
  }
  return undefined;
}

function directOf(component: ReadComponent, rootDependencies: ReadonlySet<string> | undefined): boolean | undefined {
  const declared = property(component, ['palisade:direct']);
  if (declared === 'true' || declared === 'false') return declared === 'true';
  if (rootDependencies === undefined || component.ref === undefined) return undefined;
  return rootDependencies.has(component.ref);
}

interface Group {
  readonly ecosystem: PackageEcosystem;
  readonly entries: PackageEntry[];
  distribution: Distribution | undefined;
}

/** The OS the document names in an `operating-system` component (Syft, Trivy and Palisade write one). */
function osComponentDistribution(components: readonly ReadComponent[]): Distribution | undefined {
  const os = components.find((component) => component.type === 'operating-system' && component.names[0] !== undefined);
  if (os === undefined) return undefined;
  return { id: (os.names[0] ?? '').toLowerCase(), versionId: os.version ?? '' };
}

/**
 * Turns the components of a read SBOM into package inventories, one per ecosystem, whose entries
 * point at the component's lines in the SBOM. Dependency edges are kept by name and version.
 */
export function toInventories(document: SourceDocument, read: ReadDocument): SbomContent {
  const byRef = new Map<string, ReadComponent>();
  for (const component of read.components) if (component.ref !== undefined) byRef.set(component.ref, component);
  const subjectEdges = read.subjectRef === undefined ? undefined : read.dependencies.get(read.subjectRef);
  const rootDependencies = subjectEdges === undefined || read.byPalisade ? undefined : new Set(subjectEdges);
  const groups = new Map<PackageEcosystem, Group>();
  const unmatched: UnmatchedComponent[] = [];
  const osDistribution = osComponentDistribution(read.components);
  for (const component of read.components) {
    const line = document.lines.positionAt(component.start).line;
    const name = component.names[0] ?? '';
    if (component.ref !== undefined && component.ref === read.subjectRef) continue;
    if (component.purl === undefined || component.purl === '') {
      if (!NOT_PACKAGES.has(component.type ?? 'library')) unmatched.push({ name, version: component.version ?? '', purl: undefined, line, note: 'no purl: the component cannot be matched against advisories' });
      continue;
    }
    const reading = identifyPurl(component.purl, component.version ?? '');
    if (!reading.ok) {
      unmatched.push({ name, version: component.version ?? '', purl: component.purl, line, note: reading.reason });
      continue;
    }
    const { identity } = reading;
    const group = groups.get(identity.ecosystem) ?? { ecosystem: identity.ecosystem, entries: [], distribution: undefined };
    groups.set(identity.ecosystem, group);
    group.distribution ??= identity.distribution;
    group.entries.push(entryOf(document, component, identity, rootDependencies, byRef, read.dependencies));
  }
  const distribution = [...groups.values()].find((group) => group.distribution !== undefined)?.distribution ?? osDistribution;
  const inventories = [...groups.values()].map((group) =>
    createPackageInventory(document, {
      ecosystem: group.ecosystem,
      format: read.format,
      packages: group.entries,
      ...(isOsEcosystem(group.ecosystem) && distribution !== undefined ? { distribution: group.distribution ?? distribution } : {}),
    }),
  );
  return { format: read.format, specVersion: read.specVersion, inventories, unmatched, errors: capped(document, read.errors), distribution };
}

const MAX_ERRORS = 100;

/** At most 100 entry errors per document, then one that counts the rest (a hostile SBOM can hold millions). */
function capped(document: SourceDocument, errors: readonly ScanError[]): readonly ScanError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - MAX_ERRORS;
  return [...errors.slice(0, MAX_ERRORS), { path: document.path, code: 'SBOM_INVALID', message: `${rest} more component(s) skipped for the same kinds of problem.` }];
}

const OS_ECOSYSTEMS: ReadonlySet<PackageEcosystem> = new Set<PackageEcosystem>(['Debian', 'Ubuntu', 'Alpine', 'Red Hat', 'Rocky Linux', 'AlmaLinux']);

function isOsEcosystem(ecosystem: PackageEcosystem): boolean {
  return OS_ECOSYSTEMS.has(ecosystem);
}

function edgesOf(component: ReadComponent, byRef: ReadonlyMap<string, ReadComponent>, dependencies: ReadonlyMap<string, readonly string[]>): DependencyEdge[] {
  if (component.ref === undefined) return [];
  return (dependencies.get(component.ref) ?? []).flatMap((ref) => {
    const target = byRef.get(ref);
    if (target?.purl === undefined) return [];
    const reading = identifyPurl(target.purl, target.version ?? '');
    if (!reading.ok) return [];
    const edge: DependencyEdge = reading.identity.version === '' ? { name: preferredName(reading.identity, target) } : { name: preferredName(reading.identity, target), requirement: reading.identity.version };
    return [edge];
  });
}

function entryOf(
  document: SourceDocument,
  component: ReadComponent,
  identity: PurlIdentity,
  rootDependencies: ReadonlySet<string> | undefined,
  byRef: ReadonlyMap<string, ReadComponent>,
  dependencies: ReadonlyMap<string, readonly string[]>,
): PackageEntry {
  const skipReason = skipReasonOf(component, identity.version);
  const sourceName = property(component, SOURCE_NAME_KEYS) ?? identity.sourceName;
  const sourceVersion = property(component, SOURCE_VERSION_KEYS) ?? identity.sourceVersion;
  const commit = property(component, ['palisade:commit']);
  const integrity = integrityOf(component);
  return {
    name: preferredName(identity, component),
    version: identity.version,
    purl: component.purl ?? '',
    direct: directOf(component, rootDependencies),
    scope: scopeOf(component),
    range: document.lines.rangeOf(component.start, component.end),
    dependencies: edgesOf(component, byRef, dependencies),
    ...(skipReason === undefined ? {} : { skipReason }),
    ...(sourceName === undefined ? {} : { sourceName }),
    ...(sourceVersion === undefined ? {} : { sourceVersion }),
    ...(commit === undefined ? {} : { commit }),
    ...(integrity === undefined ? {} : { integrity }),
  };
}
