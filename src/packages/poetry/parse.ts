import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, PackageScope, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { packageItems, readTomlLock } from '../shared/toml-inventory.ts';
import type { TomlArrayItem, TomlTable } from '../shared/toml.ts';
import { tomlString, tomlTable } from '../shared/toml.ts';

function scopeOf(table: TomlTable): PackageScope | undefined {
  if (table['optional'] === true) return 'optional';
  const category = tomlString(table, 'category');
  if (category !== undefined) return category === 'dev' ? 'dev' : 'prod';
  const groups = table['groups'];
  if (Array.isArray(groups)) return groups.includes('main') ? 'prod' : 'dev';
  return undefined;
}

function sourceKind(table: TomlTable): { skipReason?: SkipReason; commit?: string } {
  const sourceTable = tomlTable(table['source']);
  const type = sourceTable === undefined ? undefined : tomlString(sourceTable, 'type');
  if (sourceTable === undefined || type === undefined || type === 'legacy') return {};
  if (type === 'git') {
    const commit = tomlString(sourceTable, 'resolved_reference') ?? tomlString(sourceTable, 'reference');
    return commit === undefined ? { skipReason: 'git' } : { skipReason: 'git', commit };
  }
  return type === 'url' ? { skipReason: 'url' } : { skipReason: 'local-path' };
}

function toEntry(source: SourceDocument, item: TomlArrayItem): PackageEntry | ScanError {
  const name = tomlString(item.value, 'name');
  const version = tomlString(item.value, 'version');
  if (name === undefined || version === undefined) return entryError(source, item.start, 'poetry.lock package without name or version; skipped.');
  const dependencies = Object.entries(tomlTable(item.value['dependencies']) ?? {}).map(([dependency, requirement]) => ({
    name: dependency,
    ...(typeof requirement === 'string' ? { requirement } : {}),
  }));
  return {
    name,
    version,
    purl: formatPurl({ type: 'pypi', name, version }),
    direct: undefined,
    scope: scopeOf(item.value),
    range: source.lines.rangeOf(item.start, item.end),
    dependencies,
    ...sourceKind(item.value),
  };
}

/** `poetry.lock` (lock versions 1.x and 2.x). */
export function parsePoetryLock(source: SourceDocument): ParsedInventory {
  const read = readTomlLock(source);
  if (!read.ok) return { artifact: undefined, errors: [read.error] };
  const { document, errors } = read.value;
  const packages: PackageEntry[] = [];
  for (const item of packageItems(document)) {
    const entry = toEntry(source, item);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  const metadata = tomlTable(document.root['metadata']);
  const lockVersion = metadata === undefined ? undefined : tomlString(metadata, 'lock-version');
  return { artifact: createPackageInventory(source, { ecosystem: 'PyPI', format: `poetry-lock@${lockVersion ?? '1.0'}`, packages }), errors };
}
