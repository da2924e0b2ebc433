import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { DependencyEdge, PackageEntry, PackageScope, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { packageItems, readTomlLock } from '../shared/toml-inventory.ts';
import type { TomlArrayItem, TomlTable, TomlValue } from '../shared/toml.ts';
import { tomlString, tomlTable } from '../shared/toml.ts';

function edges(value: TomlValue | undefined): DependencyEdge[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((element) => {
    const table = tomlTable(element);
    const name = table === undefined ? undefined : tomlString(table, 'name');
    return name === undefined ? [] : [{ name }];
  });
}

function sourceKind(table: TomlTable): { skipReason?: SkipReason; commit?: string } {
  const sourceTable = tomlTable(table['source']) ?? {};
  const git = tomlString(sourceTable, 'git');
  if (git !== undefined) {
    const commit = /#([0-9a-f]{7,40})$/.exec(git)?.[1];
    return commit === undefined ? { skipReason: 'git' } : { skipReason: 'git', commit };
  }
  if ('editable' in sourceTable || 'virtual' in sourceTable) return { skipReason: 'workspace' };
  if ('path' in sourceTable || 'directory' in sourceTable) return { skipReason: 'local-path' };
  if ('url' in sourceTable) return { skipReason: 'url' };
  return {};
}

/** Names the root project (the editable or virtual `.` source) depends on, by scope: prod over dev over optional (extras). */
function rootScopes(items: readonly TomlArrayItem[]): Map<string, PackageScope> {
  const root = items.find((item) => {
    const sourceTable = tomlTable(item.value['source']) ?? {};
    return sourceTable['editable'] === '.' || sourceTable['virtual'] === '.';
  });
  const scopes = new Map<string, PackageScope>();
  if (root === undefined) return scopes;
  for (const group of Object.values(tomlTable(root.value['optional-dependencies']) ?? {})) for (const { name } of edges(group)) scopes.set(name, 'optional');
  for (const group of Object.values(tomlTable(root.value['dev-dependencies']) ?? {})) for (const { name } of edges(group)) scopes.set(name, 'dev');
  for (const { name } of edges(root.value['dependencies'])) scopes.set(name, 'prod');
  return scopes;
}

function toEntry(source: SourceDocument, item: TomlArrayItem, roots: Map<string, PackageScope>): PackageEntry | ScanError {
  const name = tomlString(item.value, 'name');
  if (name === undefined) return entryError(source, item.start, 'uv.lock package without a name; skipped.');
  const version = tomlString(item.value, 'version') ?? '';
  const scope = roots.get(name);
  const kind = sourceKind(item.value);
  return {
    name,
    version,
    purl: formatPurl({ type: 'pypi', name, version }),
    direct: roots.size === 0 || kind.skipReason === 'workspace' ? undefined : scope !== undefined,
    scope,
    range: source.lines.rangeOf(item.start, item.end),
    dependencies: edges(item.value['dependencies']),
    ...kind,
  };
}

/** `uv.lock` (version 1). The root project is kept with skipReason `workspace`. */
export function parseUvLock(source: SourceDocument): ParsedInventory {
  const read = readTomlLock(source);
  if (!read.ok) return { artifact: undefined, errors: [read.error] };
  const { document, errors } = read.value;
  const items = packageItems(document);
  const roots = rootScopes(items);
  const packages: PackageEntry[] = [];
  for (const item of items) {
    const entry = toEntry(source, item, roots);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  const version = document.root['version'];
  return { artifact: createPackageInventory(source, { ecosystem: 'PyPI', format: `uv-lock@${typeof version === 'number' ? version : 1}`, packages }), errors };
}
