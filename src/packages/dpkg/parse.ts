import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { DependencyEdge, PackageEntry, ParsedInventory } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import type { Paragraph } from '../shared/paragraphs.ts';
import { readParagraphs } from '../shared/paragraphs.ts';

/** `Depends:`/`Pre-Depends:` → names (alternatives and version constraints dropped, `:any` removed). */
function dependencyEdges(paragraph: Paragraph): DependencyEdge[] {
  const names = ['Pre-Depends', 'Depends'].flatMap((field) => (paragraph.fields.get(field) ?? '').split(','));
  return names.flatMap((clause) => {
    const match = /^\s*([a-z0-9][a-z0-9+.-]*)(?::\w+)?\s*(?:\(([^)]*)\))?/.exec(clause.split('|')[0] ?? '');
    if (match === null) return [];
    return [{ name: match[1] ?? '', ...(match[2] === undefined ? {} : { requirement: match[2].trim() }) }];
  });
}

/** `Source: name (version)` → source name and version (the binary version when none is given). */
function sourceOf(paragraph: Paragraph, name: string, version: string): { sourceName: string; sourceVersion: string } {
  const match = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(paragraph.fields.get('Source') ?? '');
  return { sourceName: match?.[1] ?? name, sourceVersion: match?.[2] ?? version };
}

function toEntry(source: SourceDocument, paragraph: Paragraph): PackageEntry | ScanError {
  const name = paragraph.fields.get('Package');
  const version = paragraph.fields.get('Version');
  if (name === undefined || version === undefined || name === '' || version === '') return entryError(source, paragraph.start, 'dpkg paragraph without Package or Version; skipped.');
  const status = (paragraph.fields.get('Status') ?? 'install ok installed').split(/\s+/);
  const installed = status.at(-1) === 'installed';
  const arch = paragraph.fields.get('Architecture');
  const origin = sourceOf(paragraph, name, version);
  return {
    name,
    version,
    purl: formatPurl({ type: 'deb', namespace: 'debian', name, version, qualifiers: { arch } }),
    direct: undefined,
    scope: undefined,
    range: source.lines.rangeOf(paragraph.start, paragraph.end),
    dependencies: dependencyEdges(paragraph),
    ...origin,
    ...(installed ? {} : { skipReason: 'not-installed' as const }),
  };
}

/** dpkg `var/lib/dpkg/status` and distroless `var/lib/dpkg/status.d/<package>` files. Packages not installed are kept with skipReason `not-installed`. */
export function parseDpkgStatus(source: SourceDocument): ParsedInventory {
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  for (const paragraph of readParagraphs(source.text)) {
    const entry = toEntry(source, paragraph);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'Debian', format: 'dpkg-status', packages }), errors };
}
