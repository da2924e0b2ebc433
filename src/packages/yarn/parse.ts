import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { DependencyEdge, PackageEntry, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { npmPurl } from '../purl.ts';
import { conflictMarker, linesWithOffsets } from '../shared/text.ts';

interface RawBlock {
  readonly header: string;
  readonly start: number;
  end: number;
  readonly fields: Map<string, string>;
  readonly dependencies: DependencyEdge[];
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && (trimmed.startsWith('"') || trimmed.startsWith("'")) && trimmed.endsWith(trimmed[0] ?? '"')) return trimmed.slice(1, -1);
  return trimmed;
}

/** `key value` (v1) or `key: value` (Berry). */
function splitField(line: string): [string, string] {
  const trimmed = line.trim();
  const match = /^("[^"]*"|[^\s:]+):?\s*(.*)$/.exec(trimmed);
  return [unquote(match?.[1] ?? trimmed), unquote(match?.[2] ?? '')];
}

/** `name@range` → name (a leading `@` belongs to the scope). */
export function nameOfSpec(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at === -1 ? spec : spec.slice(0, at);
}

function readBlocks(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  let inDependencies = false;
  for (const line of linesWithOffsets(text)) {
    if (line.text.trim() === '' || line.text.trimStart().startsWith('#')) continue;
    const indent = line.text.length - line.text.trimStart().length;
    if (indent === 0) {
      current = { header: line.text.replace(/:\s*$/, ''), start: line.start, end: line.start + line.text.length, fields: new Map(), dependencies: [] };
      blocks.push(current);
      inDependencies = false;
      continue;
    }
    if (current === undefined) continue;
    current.end = line.start + line.text.length;
    const [key, value] = splitField(line.text);
    if (indent <= 2) {
      inDependencies = value === '' && (key === 'dependencies' || key === 'optionalDependencies');
      current.fields.set(key, value);
    } else if (inDependencies) current.dependencies.push({ name: key, requirement: value });
  }
  return blocks;
}

const GIT = /git\+|git:\/\/|git@|github:|gitlab:|bitbucket:|\.git(?:#|$|\s)|codeload\.github\.com|#commit=/;

function classify(specs: readonly string[], resolution: string, resolved: string): { skipReason?: SkipReason; commit?: string } {
  const text = `${specs.join(' ')} ${resolution} ${resolved}`;
  if (/@(?:workspace|portal|link):/.test(resolution) || /@(?:link|portal):/.test(specs.join(' '))) return { skipReason: 'workspace' };
  if (/@file:|@\.{0,2}\//.test(`${resolution} ${specs.join(' ')}`)) return { skipReason: 'local-path' };
  if (!GIT.test(text)) return {};
  const commit = /(?:#commit=|#|\/tar\.gz\/)([0-9a-f]{40})\b/.exec(text)?.[1];
  return commit === undefined ? { skipReason: 'git' } : { skipReason: 'git', commit };
}

function toEntry(source: SourceDocument, block: RawBlock, errors: ScanError[]): PackageEntry | undefined {
  const specs = block.header.split(/,\s*/).map(unquote).filter((spec) => spec !== '');
  const firstSpec = specs[0] ?? '';
  const resolution = block.fields.get('resolution') ?? '';
  const version = block.fields.get('version') ?? '';
  if (firstSpec === '' || version === '') {
    errors.push(entryError(source, block.start, `Yarn entry "${block.header}" has no version; skipped.`));
    return undefined;
  }
  const name = resolution === '' ? nameOfSpec(firstSpec.replace(/@npm:(?=@?[^@]+@)/, '@')) : nameOfSpec(resolution);
  const aliasTarget = /@npm:(@?[^@]+)@/.exec(firstSpec)?.[1];
  const realName = resolution === '' && aliasTarget !== undefined ? aliasTarget : name;
  const kind = classify(specs, resolution, block.fields.get('resolved') ?? '');
  const integrity = block.fields.get('integrity') ?? block.fields.get('checksum');
  return {
    name: realName,
    version,
    purl: npmPurl(realName, version),
    direct: undefined,
    scope: undefined,
    range: source.lines.rangeOf(block.start, block.end),
    dependencies: block.dependencies,
    ...kind,
    ...(integrity === undefined ? {} : { integrity }),
  };
}

/** Yarn classic (v1) and Berry (v2+) `yarn.lock`. */
export function parseYarnLock(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const errors: ScanError[] = [];
  const blocks = readBlocks(source.text);
  const berry = blocks.some((block) => block.header === '__metadata');
  const packages: PackageEntry[] = [];
  for (const block of blocks) {
    if (block.header === '__metadata') continue;
    const entry = toEntry(source, block, errors);
    if (entry !== undefined) packages.push(entry);
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'npm', format: berry ? 'yarn@berry' : 'yarn@1', packages }), errors };
}
