import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, ParsedInventory } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { conflictMarker, linesWithOffsets } from '../shared/text.ts';

/** `gradle.lockfile`: `group:artifact:version=configuration,…`; test-only configurations give scope `dev`. */
export function parseGradleLockfile(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  for (const line of linesWithOffsets(source.text)) {
    const text = line.text.trim();
    if (text === '' || text.startsWith('#') || text.startsWith('empty=')) continue;
    const match = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)(?:=(.*))?$/.exec(text);
    if (match === null) {
      errors.push(entryError(source, line.start, `Malformed gradle.lockfile line "${text.slice(0, 80)}"; skipped.`));
      continue;
    }
    const [, group = '', artifact = '', version = '', configurations = ''] = match;
    const names = configurations.split(',').filter((name) => name !== '');
    const testOnly = names.length > 0 && names.every((name) => /^test/i.test(name));
    packages.push({
      name: `${group}:${artifact}`,
      version,
      purl: formatPurl({ type: 'maven', namespace: group, name: artifact, version }),
      direct: undefined,
      scope: names.length === 0 ? undefined : testOnly ? 'dev' : 'prod',
      range: source.lines.rangeOf(line.start, line.start + line.text.length),
      dependencies: [],
    });
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'Maven', format: 'gradle-lockfile', packages }), errors };
}
