import type { ScanError, SourceDocument, SourceRange } from '../../core/index.ts';
import type { PackageEntry, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { conflictMarker, linesWithOffsets } from '../shared/text.ts';

/** A logical line: physical lines joined at a trailing backslash, comments removed. */
interface LogicalLine {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function* logicalLines(text: string): Generator<LogicalLine> {
  let pending = '';
  let start = -1;
  for (const line of linesWithOffsets(text)) {
    if (start === -1) start = line.start;
    const withoutComment = line.text.replace(/(?:^|\s)#.*$/, '');
    if (withoutComment.endsWith('\\')) {
      pending += `${withoutComment.slice(0, -1)} `;
      continue;
    }
    const joined = `${pending}${withoutComment}`.trim();
    if (joined !== '') yield { text: joined, start, end: line.start + line.text.trimEnd().length };
    pending = '';
    start = -1;
  }
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;
const INCLUDE = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/;
const EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/;

/** `==1.0` / `===1.0` (one exact pin, no wildcard) → the version; anything else is unpinned. */
export function pinnedVersion(specifiers: string): string | undefined {
  const parts = specifiers.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const only = parts.length === 1 ? parts[0] : undefined;
  const match = /^===?\s*([^\s*]+)$/.exec(only ?? '');
  return match?.[1];
}

function skipOfLocation(location: string): SkipReason {
  if (/^git\+|\.git(?:@|#|$)/.test(location)) return 'git';
  if (/^[a-z]+:\/\//.test(location)) return 'url';
  return 'local-path';
}

function entry(name: string, version: string, range: SourceRange, skipReason?: SkipReason): PackageEntry {
  return {
    name,
    version,
    purl: formatPurl({ type: 'pypi', name, version }),
    direct: true,
    scope: undefined,
    range,
    dependencies: [],
    ...(skipReason === undefined ? {} : { skipReason }),
  };
}

/** A requirement given as a URL or path: name and version from `#egg=` or a wheel/sdist file name. */
function locationEntry(location: string, range: SourceRange): PackageEntry {
  const egg = /#egg=([A-Za-z0-9._-]+)/.exec(location)?.[1];
  const file = location.split(/[?#]/)[0]?.split('/').at(-1) ?? '';
  const archive = /^([A-Za-z0-9_.]+?)-(\d[^-]*?)(?:-[^-]+-[^-]+-[^-]+\.whl|\.tar\.gz|\.zip)$/.exec(file);
  const name = egg ?? archive?.[1] ?? location;
  return entry(name, egg === undefined ? (archive?.[2] ?? '') : '', range, skipOfLocation(location));
}

function parseLine(source: SourceDocument, line: LogicalLine, includes: { path: string; range: SourceRange }[]): PackageEntry | ScanError | undefined {
  const range = source.lines.rangeOf(line.start, line.end);
  const include = INCLUDE.exec(line.text);
  if (include !== null) {
    includes.push({ path: include[1] ?? '', range });
    return undefined;
  }
  const editable = EDITABLE.exec(line.text);
  if (editable !== null) {
    const location = editable[1] ?? '';
    const name = /#egg=([A-Za-z0-9._-]+)/.exec(location)?.[1] ?? location;
    return entry(name, '', range, skipOfLocation(location));
  }
  if (line.text.startsWith('-')) return undefined; // global options: --index-url, --hash on its own line, -f …
  if (/^(?:[a-z+]+:\/\/|\.{0,2}\/|git\+)/.test(line.text)) return locationEntry(line.text.split(/\s/)[0] ?? '', range);
  const nameMatch = NAME.exec(line.text);
  if (nameMatch === null) return entryError(source, line.start, `Not a requirement: "${line.text.slice(0, 80)}"; skipped.`);
  const name = nameMatch[1] ?? '';
  const rest = line.text.slice(nameMatch[0].length);
  if (rest.startsWith('@')) return entry(name, '', range, skipOfLocation(rest.slice(1).trim()));
  const beforeOptions = rest.split(/(?:^|\s)--?[A-Za-z]/)[0] ?? '';
  const specifiers = (beforeOptions.split(';')[0] ?? '').replace(/^\(|\)$/g, '').trim();
  const version = pinnedVersion(specifiers);
  return version === undefined ? entry(name, '', range, 'unpinned') : entry(name, version, range);
}

/** pip `requirements*.txt`: pinned `==` entries; others kept as unpinned; `-r`/`-c` noted, not followed. */
export function parseRequirements(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const packages: PackageEntry[] = [];
  const errors: ScanError[] = [];
  const includes: { path: string; range: SourceRange }[] = [];
  for (const line of logicalLines(source.text)) {
    const parsed = parseLine(source, line, includes);
    if (parsed === undefined) continue;
    if ('code' in parsed) errors.push(parsed);
    else packages.push(parsed);
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'PyPI', format: 'requirements.txt', packages, includes }), errors };
}
