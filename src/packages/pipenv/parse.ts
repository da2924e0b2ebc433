import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, PackageScope, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import type { JsonMember } from '../shared/json.ts';
import { isRecord, jsonMembers, parseJsonDocument, stringField } from '../shared/json.ts';

const SECTIONS = [
  ['default', 'prod'],
  ['develop', 'dev'],
] as const;

function kindOf(entry: Record<string, unknown>): { skipReason?: SkipReason; commit?: string } {
  if (typeof entry['git'] === 'string') {
    const commit = stringField(entry, 'ref');
    return commit === undefined ? { skipReason: 'git' } : { skipReason: 'git', commit };
  }
  if (typeof entry['path'] === 'string' || typeof entry['file'] === 'string') return { skipReason: 'local-path' };
  return {};
}

function toEntry(source: SourceDocument, name: string, value: unknown, member: JsonMember, scope: PackageScope): PackageEntry | ScanError {
  if (!isRecord(value)) return entryError(source, member.keyStart, `Pipfile.lock entry "${name}" is not an object; skipped.`);
  const kind = kindOf(value);
  const raw = stringField(value, 'version');
  if (raw === undefined && kind.skipReason === undefined) return entryError(source, member.keyStart, `Pipfile.lock entry "${name}" has no version; skipped.`);
  const version = raw === undefined ? '' : raw.replace(/^===?/, '');
  return {
    name,
    version,
    purl: formatPurl({ type: 'pypi', name, version }),
    direct: undefined,
    scope,
    range: source.lines.rangeOf(member.keyStart, member.end),
    dependencies: [],
    ...kind,
  };
}

/** `Pipfile.lock` (JSON): `default` (prod) and `develop` (dev) sections. */
export function parsePipfileLock(source: SourceDocument): ParsedInventory {
  const parsed = parseJsonDocument(source);
  if (!parsed.ok) return { artifact: undefined, errors: [parsed.error] };
  const { value, rootStart } = parsed.value;
  const rootMembers = jsonMembers(source.text, rootStart);
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  for (const [section, scope] of SECTIONS) {
    const data = value[section];
    const member = rootMembers.get(section);
    if (!isRecord(data) || member === undefined) continue;
    for (const [name, entryMember] of jsonMembers(source.text, member.valueStart)) {
      const entry = toEntry(source, name, data[name], entryMember, scope);
      if ('code' in entry) errors.push(entry);
      else packages.push(entry);
    }
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'PyPI', format: 'pipfile-lock', packages }), errors };
}
