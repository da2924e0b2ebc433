import type { ScanError, SourceDocument } from '../core/index.ts';
import { elementRanges, memberValueStart, rootStart } from './json-offsets.ts';
import type { ReadComponent, ReadDocument } from './read-model.ts';

type JsonRecord = Record<string, unknown>;

const MAX_DEPTH = 32;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export function arrayOf(record: JsonRecord, key: string): unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

function scopeOf(value: string | undefined): ReadComponent['scope'] {
  return value === 'required' || value === 'optional' || value === 'excluded' ? value : undefined;
}

/** `group` + `name` joined as each ecosystem writes names (cyclonedx-npm puts the npm scope in `group`). */
export function namesOf(name: string, group: string | undefined): string[] {
  if (group === undefined || group === '') return [name];
  return [name, `${group}/${name}`, `${group}:${name}`];
}

function pairs(values: readonly unknown[], first: string, second: string): { a: string; b: string }[] {
  return values.flatMap((value) => {
    if (!isRecord(value)) return [];
    const a = stringOf(value, first);
    const b = stringOf(value, second);
    return a === undefined || b === undefined ? [] : [{ a, b }];
  });
}

interface Walk {
  readonly document: SourceDocument;
  readonly components: ReadComponent[];
  readonly errors: ScanError[];
}

function readComponents(walk: Walk, values: readonly unknown[], arrayStart: number | undefined, depth: number): void {
  const ranges = elementRanges(walk.document.text, arrayStart);
  values.forEach((value, index) => {
    const range = ranges[index] ?? { start: 0, end: 0 };
    if (!isRecord(value) || typeof value['name'] !== 'string') {
      const position = walk.document.lines.positionAt(range.start);
      walk.errors.push({ path: walk.document.path, code: 'SBOM_INVALID', message: `Component ${index + 1} is not an object with a name; skipped.`, startLine: position.line, startColumn: position.column });
      return;
    }
    walk.components.push(componentOf(value, range));
    const nested = arrayOf(value, 'components');
    if (nested.length > 0 && depth < MAX_DEPTH) readComponents(walk, nested, memberValueStart(walk.document.text, range.start, 'components'), depth + 1);
  });
}

function componentOf(value: JsonRecord, range: { start: number; end: number }): ReadComponent {
  return {
    purl: stringOf(value, 'purl'),
    names: namesOf(stringOf(value, 'name') ?? '', stringOf(value, 'group')),
    version: stringOf(value, 'version'),
    type: stringOf(value, 'type'),
    scope: scopeOf(stringOf(value, 'scope')),
    properties: pairs(arrayOf(value, 'properties'), 'name', 'value').map(({ a, b }) => ({ name: a, value: b })),
    hashes: pairs(arrayOf(value, 'hashes'), 'alg', 'content').map(({ a, b }) => ({ alg: a, content: b })),
    ref: stringOf(value, 'bom-ref'),
    start: range.start,
    end: range.end,
  };
}

function dependencyGraph(values: readonly unknown[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const value of values) {
    if (!isRecord(value)) continue;
    const ref = stringOf(value, 'ref');
    if (ref === undefined) continue;
    const targets = arrayOf(value, 'dependsOn').filter((target) => typeof target === 'string');
    graph.set(ref, [...(graph.get(ref) ?? []), ...targets]);
  }
  return graph;
}

/** Tool names of `metadata.tools`: `{ components: [...] }` (1.5+) or the legacy array. */
function toolNames(tools: unknown): string[] {
  const list = isRecord(tools) ? arrayOf(tools, 'components') : Array.isArray(tools) ? tools : [];
  return list.flatMap((tool) => (isRecord(tool) ? (stringOf(tool, 'name') ?? []) : []));
}

/** A parsed CycloneDX JSON document (1.2 and later share this shape) read into components and edges. */
export function readCycloneDxJson(document: SourceDocument, value: JsonRecord): ReadDocument {
  const walk: Walk = { document, components: [], errors: [] };
  const start = rootStart(document.text);
  readComponents(walk, arrayOf(value, 'components'), memberValueStart(document.text, start, 'components'), 0);
  const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
  const subject = isRecord(metadata['component']) ? metadata['component'] : {};
  return {
    format: 'cyclonedx-json',
    specVersion: stringOf(value, 'specVersion') ?? '',
    components: walk.components,
    dependencies: dependencyGraph(arrayOf(value, 'dependencies')),
    subjectRef: stringOf(subject, 'bom-ref'),
    byPalisade: toolNames(metadata['tools']).includes('palisade'),
    errors: walk.errors,
  };
}
