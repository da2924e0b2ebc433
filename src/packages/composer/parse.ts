import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, PackageScope, ParsedInventory } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { splitPurl } from '../purl.ts';
import { isRecord, jsonElements, jsonMembers, parseJsonDocument, stringField, stringMap } from '../shared/json.ts';

const SECTIONS = [
  ['packages', 'prod'],
  ['packages-dev', 'dev'],
] as const;

function toEntry(source: SourceDocument, value: unknown, start: number, end: number, scope: PackageScope): PackageEntry | ScanError {
  if (!isRecord(value)) return entryError(source, start, 'composer.lock package is not an object; skipped.');
  const name = stringField(value, 'name');
  const version = stringField(value, 'version');
  if (name === undefined || version === undefined) return entryError(source, start, 'composer.lock package without name or version; skipped.');
  const sourceInfo = isRecord(value['source']) ? value['source'] : {};
  const commit = stringField(sourceInfo, 'reference');
  const branch = version.startsWith('dev-') || version.endsWith('-dev');
  const dependencies = Object.entries(stringMap(value['require'])).map(([dependency, requirement]) => ({ name: dependency, requirement }));
  return {
    name,
    version,
    purl: splitPurl('composer', name, '/', version),
    direct: undefined,
    scope,
    range: source.lines.rangeOf(start, end),
    dependencies,
    ...(branch ? { skipReason: 'git' as const } : {}),
    ...(commit === undefined ? {} : { commit }),
  };
}

/** PHP `composer.lock`: `packages` (prod) and `packages-dev` (dev). */
export function parseComposerLock(source: SourceDocument): ParsedInventory {
  const parsed = parseJsonDocument(source);
  if (!parsed.ok) return { artifact: undefined, errors: [parsed.error] };
  const { value, rootStart } = parsed.value;
  const rootMembers = jsonMembers(source.text, rootStart);
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  for (const [section, scope] of SECTIONS) {
    const list = value[section];
    const member = rootMembers.get(section);
    if (!Array.isArray(list) || member === undefined) continue;
    jsonElements(source.text, member.valueStart).forEach((element, index) => {
      const entry = toEntry(source, list[index], element.start, element.end, scope);
      if ('code' in entry) errors.push(entry);
      else packages.push(entry);
    });
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'Packagist', format: 'composer-lock', packages }), errors };
}
