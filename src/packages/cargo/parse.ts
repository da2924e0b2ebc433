import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { DependencyEdge, PackageEntry, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { packageItems, readTomlLock } from '../shared/toml-inventory.ts';
import type { TomlArrayItem } from '../shared/toml.ts';
import { tomlString } from '../shared/toml.ts';

/** `"name"`, `"name version"` or `"name version (source)"`. */
function edge(value: unknown): DependencyEdge | undefined {
  if (typeof value !== 'string') return undefined;
  const [name, version] = value.split(' ');
  if (name === undefined || name === '') return undefined;
  return version === undefined ? { name } : { name, requirement: version };
}

function sourceKind(source: string | undefined): { skipReason?: SkipReason; commit?: string } {
  if (source === undefined) return { skipReason: 'local-path' };
  if (!source.startsWith('git+')) return {};
  const commit = /#([0-9a-f]{7,40})$/.exec(source)?.[1];
  return commit === undefined ? { skipReason: 'git' } : { skipReason: 'git', commit };
}

function toEntry(source: SourceDocument, item: TomlArrayItem): PackageEntry | ScanError {
  const name = tomlString(item.value, 'name');
  const version = tomlString(item.value, 'version');
  if (name === undefined || version === undefined) return entryError(source, item.start, 'Cargo.lock package without name or version; skipped.');
  const dependencies = (Array.isArray(item.value['dependencies']) ? item.value['dependencies'] : []).flatMap((value) => edge(value) ?? []);
  const checksum = tomlString(item.value, 'checksum');
  return {
    name,
    version,
    purl: formatPurl({ type: 'cargo', name, version }),
    direct: undefined,
    scope: undefined,
    range: source.lines.rangeOf(item.start, item.end),
    dependencies,
    ...sourceKind(tomlString(item.value, 'source')),
    ...(checksum === undefined ? {} : { integrity: `sha256-${checksum}` }),
  };
}

/** `Cargo.lock` (versions 1 to 4). Local crates (no `source`) are kept with skipReason `local-path`. */
export function parseCargoLock(source: SourceDocument): ParsedInventory {
  const read = readTomlLock(source);
  if (!read.ok) return { artifact: undefined, errors: [read.error] };
  const { document, errors } = read.value;
  const packages: PackageEntry[] = [];
  for (const item of packageItems(document)) {
    const entry = toEntry(source, item);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  const version = document.root['version'];
  return { artifact: createPackageInventory(source, { ecosystem: 'crates.io', format: `cargo-lock@${typeof version === 'number' ? version : 1}`, packages }), errors };
}
