import type { ScanError, SourceDocument } from '../../core/index.ts';
import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import type { DependencyEdge, PackageEntry, PackageScope, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { npmPurl } from '../purl.ts';
import { isRecord, stringField, stringMap } from '../shared/json.ts';
import { MAX_YAML_INDENT, deepIndentation } from '../../core/yaml-guard.ts';
import { conflictMarker } from '../shared/text.ts';

const DIRECT_FIELDS = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
] as const;

/** `/name/1.0.0_peer` (v5), `/name@1.0.0(peer)` (v6–v8), `name@1.0.0(peer)` (v9) → name and version. */
export function parsePnpmKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  if (at !== -1 && !bare.slice(0, at).includes('/', bare.startsWith('@') ? bare.indexOf('/') + 1 : 0)) {
    return { name: bare.slice(0, at), version: bare.slice(at + 1) };
  }
  const segments = bare.split('/');
  const nameLength = bare.startsWith('@') ? 2 : 1;
  if (segments.length <= nameLength) return undefined;
  const version = segments.slice(nameLength).join('/').split('_')[0] ?? '';
  return { name: segments.slice(0, nameLength).join('/'), version };
}

/** Direct dependencies of the projects (every importer, or the top level before v5.3) by name, each with its locked versions and scope. */
type DirectMap = Map<string, { raw: string; scope: PackageScope }[]>;

function directScopes(data: Record<string, unknown>): DirectMap {
  const importers = isRecord(data['importers']) ? Object.values(data['importers']).filter(isRecord) : [data];
  const direct: DirectMap = new Map();
  for (const project of importers) {
    for (const [field, scope] of DIRECT_FIELDS) {
      const entries = project[field];
      if (!isRecord(entries)) continue;
      for (const [name, value] of Object.entries(entries)) {
        const version = typeof value === 'string' ? value : isRecord(value) ? (stringField(value, 'version') ?? '') : '';
        direct.set(name, [...(direct.get(name) ?? []), { raw: version.replace(/\(.*$/, ''), scope }]);
      }
    }
  }
  return direct;
}

/** The direct scope of a package, when a project's dependency resolves to it (by version or by package key). */
function directScopeOf(direct: DirectMap, name: string, version: string, key: string): PackageScope | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const match = (direct.get(name) ?? []).find(({ raw }) => raw.replace(/_.*$/, '') === version || raw === bare || `${name}@${raw}` === bare || `${name}/${raw}` === bare);
  return match?.scope;
}

/** v9 `snapshots` keyed by the package key without peer suffixes. */
function snapshotsByPackage(snapshots: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const byPackage = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(snapshots)) {
    const base = key.replace(/\(.*$/, '');
    if (isRecord(value) && !byPackage.has(base)) byPackage.set(base, value);
  }
  return byPackage;
}

function trimmedEnd(text: string, end: number): number {
  let index = end;
  while (index > 0 && /\s/.test(text[index - 1] ?? '')) index--;
  return index;
}

function scopeOf(entry: Record<string, unknown>, direct: PackageScope | undefined): PackageScope | undefined {
  if (entry['dev'] === true) return 'dev';
  if (entry['optional'] === true) return 'optional';
  if (entry['dev'] === false) return 'prod';
  return direct;
}

function sourceOf(entry: Record<string, unknown>, key: string): { skipReason?: SkipReason; commit?: string } {
  const resolution = isRecord(entry['resolution']) ? entry['resolution'] : {};
  const commit = stringField(resolution, 'commit') ?? /[/#]([0-9a-f]{40})$/.exec(stringField(resolution, 'tarball') ?? key)?.[1];
  if (resolution['type'] === 'git' || commit !== undefined) return commit === undefined ? { skipReason: 'git' } : { skipReason: 'git', commit };
  if (resolution['type'] === 'directory' || key.startsWith('file:') || key.includes('@file:') || key.includes('@link:')) return { skipReason: 'local-path' };
  return {};
}

function toEntry(source: SourceDocument, key: string, value: unknown, offsets: readonly [number, number], snapshots: Map<string, Record<string, unknown>>, direct: DirectMap): PackageEntry | ScanError {
  if (!isRecord(value)) return entryError(source, offsets[0], `pnpm package "${key}" is not a mapping; skipped.`);
  const parsed = parsePnpmKey(key);
  const name = stringField(value, 'name') ?? parsed?.name;
  const kind = sourceOf(value, key);
  const recorded = stringField(value, 'version') ?? (kind.skipReason === 'git' ? '' : (parsed?.version ?? ''));
  const version = /^(?:file|link):/.test(recorded) ? '' : recorded;
  if (name === undefined) return entryError(source, offsets[0], `pnpm package key "${key}" names no package; skipped.`);
  const snapshot = snapshots.get(key) ?? value;
  const dependencies: DependencyEdge[] = ['dependencies', 'optionalDependencies'].flatMap((field) =>
    Object.entries(stringMap(snapshot[field])).map(([dependency, requirement]) => ({ name: dependency, requirement })),
  );
  const directScope = directScopeOf(direct, name, version, key);
  return {
    name,
    version,
    purl: npmPurl(name, version),
    direct: directScope !== undefined,
    scope: scopeOf(value, directScope),
    range: source.lines.rangeOf(offsets[0], offsets[1]),
    dependencies,
    ...kind,
    ...(isRecord(value['resolution']) && typeof value['resolution']['integrity'] === 'string' ? { integrity: value['resolution']['integrity'] } : {}),
  };
}

/** The document as plain data, or why it cannot be (an alias bomb is refused, not expanded). */
/** `yaml` loads when a pnpm lockfile is read, not with every analyzer (an SBOM of an npm project never needs it). */
function loadYaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml');
}

/** The document's data, or why it cannot be read (a document that is a bare string is data, not a problem). */
function toData(document: Document): { readonly data: unknown } | { readonly problem: string } {
  try {
    return { data: document.toJS({ maxAliasCount: 100 }) };
  } catch (cause) {
    return { problem: `Invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
}

/** `pnpm-lock.yaml`, lockfile versions 5.x to 9.0. */
export function parsePnpmLock(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const deep = deepIndentation(source.text);
  if (deep !== undefined) return { artifact: undefined, errors: [entryError(source, deep, `Indented more than ${MAX_YAML_INDENT} levels; the file was not read.`)] };
  const { isMap, isScalar, parseDocument } = loadYaml();
  let document: Document;
  try {
    document = parseDocument(source.text, { uniqueKeys: false });
  } catch (cause) {
    // The yaml parser recurses once per nesting level: a hostile file can exhaust the stack.
    return { artifact: undefined, errors: [entryError(source, 0, `Invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}`)] };
  }
  const firstError = document.errors[0];
  if (firstError !== undefined) return { artifact: undefined, errors: [entryError(source, firstError.pos[0], `Invalid YAML: ${firstError.message.split('\n')[0] ?? ''}`)] };
  const read = toData(document);
  if ('problem' in read) return { artifact: undefined, errors: [entryError(source, 0, read.problem)] };
  const data = read.data;
  if (!isRecord(data)) return { artifact: undefined, errors: [] };
  const packagesNode = document.get('packages');
  const packagesData = isRecord(data['packages']) ? data['packages'] : {};
  const snapshots = snapshotsByPackage(isRecord(data['snapshots']) ? data['snapshots'] : {});
  const direct = directScopes(data);
  const errors: ScanError[] = [];
  const packages: PackageEntry[] = [];
  for (const item of isMap(packagesNode) ? packagesNode.items : []) {
    if (!isScalar(item.key)) continue;
    const key = String(item.key.value);
    const keyRange = item.key.range ?? [0, 0, 0];
    const valueRange = isMap(item.value) || isScalar(item.value) ? (item.value.range ?? keyRange) : keyRange;
    const entry = toEntry(source, key, packagesData[key], [keyRange[0], trimmedEnd(source.text, valueRange[1])], snapshots, direct);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  const version = data['lockfileVersion'];
  return { artifact: createPackageInventory(source, { ecosystem: 'npm', format: `pnpm-lock@${String(version ?? 'unknown')}`, packages }), errors };
}
