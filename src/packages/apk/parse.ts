import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, ParsedInventory } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import type { Paragraph } from '../shared/paragraphs.ts';
import { readParagraphs } from '../shared/paragraphs.ts';

function toEntry(source: SourceDocument, paragraph: Paragraph): PackageEntry | ScanError {
  const name = paragraph.fields.get('P');
  const version = paragraph.fields.get('V');
  if (name === undefined || version === undefined || name === '' || version === '') return entryError(source, paragraph.start, 'apk record without P: (name) or V: (version); skipped.');
  const origin = paragraph.fields.get('o');
  const commit = paragraph.fields.get('c');
  const checksum = paragraph.fields.get('C');
  const dependencies = (paragraph.fields.get('D') ?? '')
    .split(/\s+/)
    .filter((token) => token !== '' && !token.startsWith('!'))
    .map((token) => {
      const match = /^([^<>=~]+)(.*)$/.exec(token);
      return match?.[2] === undefined || match[2] === '' ? { name: token } : { name: match[1] ?? token, requirement: match[2] };
    });
  return {
    name,
    version,
    purl: formatPurl({ type: 'apk', namespace: 'alpine', name, version, qualifiers: { arch: paragraph.fields.get('A') } }),
    direct: undefined,
    scope: undefined,
    range: source.lines.rangeOf(paragraph.start, paragraph.end),
    dependencies,
    sourceName: origin ?? name,
    sourceVersion: version,
    ...(commit === undefined ? {} : { commit }),
    ...(checksum === undefined ? {} : { integrity: checksum }),
  };
}

/** apk `lib/apk/db/installed`. */
export function parseApkInstalled(source: SourceDocument): ParsedInventory {
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  for (const paragraph of readParagraphs(source.text)) {
    const entry = toEntry(source, paragraph);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'Alpine', format: 'apk-installed', packages }), errors };
}
