import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, ParsedInventory } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { isRecord, jsonMembers, parseJsonDocument, stringField, stringMap } from '../shared/json.ts';

function toEntry(source: SourceDocument, name: string, value: unknown, start: number, end: number): PackageEntry | ScanError {
  if (!isRecord(value)) return entryError(source, start, `packages.lock.json entry "${name}" is not an object; skipped.`);
  const type = stringField(value, 'type');
  const version = stringField(value, 'resolved') ?? '';
  if (version === '' && type !== 'Project') return entryError(source, start, `packages.lock.json entry "${name}" has no resolved version; skipped.`);
  const contentHash = stringField(value, 'contentHash');
  return {
    name,
    version,
    purl: formatPurl({ type: 'nuget', name, version }),
    direct: type === undefined ? undefined : type === 'Direct',
    scope: undefined,
    range: source.lines.rangeOf(start, end),
    dependencies: Object.entries(stringMap(value['dependencies'])).map(([dependency, requirement]) => ({ name: dependency, requirement })),
    ...(type === 'Project' ? { skipReason: 'local-path' as const } : {}),
    ...(contentHash === undefined ? {} : { integrity: `sha512-${contentHash}` }),
  };
}

/** .NET `packages.lock.json`: one entry per package and version across target frameworks. */
export function parseNugetLock(source: SourceDocument): ParsedInventory {
  const parsed = parseJsonDocument(source);
  if (!parsed.ok) return { artifact: undefined, errors: [parsed.error] };
  const { value, rootStart } = parsed.value;
  const lockVersion = value['version'];
  if (lockVersion !== 1 && lockVersion !== 2) {
    const member = jsonMembers(source.text, rootStart).get('version');
    return { artifact: undefined, errors: [entryError(source, member?.valueStart ?? rootStart, `packages.lock.json version ${JSON.stringify(lockVersion) ?? 'missing'} is not supported (1 or 2).`)] };
  }
  const frameworks = value['dependencies'];
  const frameworksMember = jsonMembers(source.text, rootStart).get('dependencies');
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  if (!isRecord(frameworks) || frameworksMember === undefined) return { artifact: createPackageInventory(source, { ecosystem: 'NuGet', format: 'packages-lock', packages }), errors };
  for (const [framework, frameworkMember] of jsonMembers(source.text, frameworksMember.valueStart)) {
    const entries = frameworks[framework];
    if (!isRecord(entries)) continue;
    for (const [name, member] of jsonMembers(source.text, frameworkMember.valueStart)) {
      const entry = toEntry(source, name, entries[name], member.keyStart, member.end);
      if ('code' in entry) errors.push(entry);
      else if (!seen.has(`${name}@${entry.version}`)) {
        seen.add(`${name}@${entry.version}`);
        packages.push(entry);
      }
    }
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'NuGet', format: `packages-lock@${lockVersion}`, packages }), errors };
}
