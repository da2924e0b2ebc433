import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { DependencyEdge, PackageEntry, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { conflictMarker, linesWithOffsets } from '../shared/text.ts';

interface Spec {
  readonly name: string;
  readonly version: string;
  readonly platform: string | undefined;
  readonly start: number;
  end: number;
  readonly section: string;
  readonly revision: string | undefined;
  readonly dependencies: DependencyEdge[];
}

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const PLATFORM = /-(?:x86|x64|universal|java|arm|aarch64|mswin|mingw|darwin|linux|jruby|x86_64|i[3-6]86)[\w.-]*$/;

function skipOf(section: string): SkipReason | undefined {
  if (section === 'GIT') return 'git';
  if (section === 'PATH') return 'local-path';
  return undefined;
}

function toEntry(source: SourceDocument, spec: Spec, directNames: ReadonlySet<string>): PackageEntry {
  const skipReason = skipOf(spec.section);
  return {
    name: spec.name,
    version: spec.version,
    purl: formatPurl({ type: 'gem', name: spec.name, version: spec.version, qualifiers: { platform: spec.platform } }),
    direct: directNames.has(spec.name),
    scope: undefined,
    range: source.lines.rangeOf(spec.start, spec.end),
    dependencies: spec.dependencies,
    ...(skipReason === undefined ? {} : { skipReason }),
    ...(spec.revision === undefined ? {} : { commit: spec.revision }),
  };
}

/** Ruby `Gemfile.lock` (and `gems.locked`): GEM, GIT and PATH specs, direct names from DEPENDENCIES. */
export function parseGemfileLock(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const specs: Spec[] = [];
  const errors: ScanError[] = [];
  const directNames = new Set<string>();
  let section = '';
  let revision: string | undefined;
  for (const line of linesWithOffsets(source.text)) {
    if (line.text.trim() === '') continue;
    const indent = line.text.length - line.text.trimStart().length;
    const text = line.text.trim();
    if (indent === 0) {
      section = text;
      revision = undefined;
      continue;
    }
    if (section === 'DEPENDENCIES' && indent === 2) directNames.add((text.split(/\s/)[0] ?? '').replace(/!$/, ''));
    if (!SOURCE_SECTIONS.has(section)) continue;
    if (indent === 2 && text.startsWith('revision:')) revision = text.slice('revision:'.length).trim();
    if (indent === 6) {
      const match = /^(\S+)(?:\s+\((.*)\))?$/.exec(text);
      if (match !== null && specs.length > 0) specs.at(-1)?.dependencies.push({ name: match[1] ?? '', ...(match[2] === undefined ? {} : { requirement: match[2] }) });
      const last = specs.at(-1);
      if (last !== undefined) last.end = line.start + line.text.length;
      continue;
    }
    if (indent !== 4) continue;
    const match = /^(\S+) \(([^)\s]+)\)$/.exec(text);
    if (match === null) {
      errors.push(entryError(source, line.start + indent, `Malformed Gemfile.lock spec "${text.slice(0, 80)}"; skipped.`));
      continue;
    }
    const full = match[2] ?? '';
    const platform = PLATFORM.exec(full)?.[0];
    specs.push({ name: match[1] ?? '', version: platform === undefined ? full : full.slice(0, -platform.length), platform: platform?.slice(1), start: line.start + indent, end: line.start + line.text.length, section, revision, dependencies: [] });
  }
  const packages = specs.map((spec) => toEntry(source, spec, directNames));
  return { artifact: createPackageInventory(source, { ecosystem: 'RubyGems', format: 'gemfile-lock', packages }), errors };
}
