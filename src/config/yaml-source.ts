import { LineCounter, isMap, isNode, isScalar, parseDocument, visit } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { Position, Result } from '../core/index.ts';
import { err, ok, parseJsonPointer } from '../core/index.ts';
import { MAX_YAML_INDENT, deepIndentationLine } from '../core/yaml-guard.ts';

/** One problem in a YAML file, at a 1-based line and column. */
export interface SourceIssue {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A parsed YAML file that can map JSON pointers back to positions. */
export interface YamlSource {
  readonly path: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface ParsedYaml {
  readonly source: YamlSource;
  /** The plain data (`null` for an empty file or one holding only comments). */
  readonly data: unknown;
}

/** The alias expansion limit of `yaml` (its default): enough for real files, fatal to "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one YAML 1.2 document (core schema: no timestamps, so `2027-03-31` stays a string).
 * Syntax errors, duplicate keys, several documents and excessive alias expansion are issues with positions.
 */
export function parseYamlSource(path: string, text: string): Result<ParsedYaml, SourceIssue[]> {
  try {
    return parseUnguarded(path, text);
  } catch (error) {
    // The yaml parser, composer and toJS recurse once per nesting level: a hostile file thousands
    // of levels deep exhausts the stack. Found by the fuzzing of issue 14 (test/fuzz/regressions/config).
    if (!(error instanceof RangeError)) throw error;
    return err([{ line: 1, column: 1, message: `the YAML nests too deeply to be read (${error.message}); the file was not loaded` }]);
  }
}

function parseUnguarded(path: string, text: string): Result<ParsedYaml, SourceIssue[]> {
  const line = deepIndentationLine(text);
  if (line !== undefined) return err([{ line, column: 1, message: `indented more than ${MAX_YAML_INDENT} levels; the file was not loaded` }]);
  const lineCounter = new LineCounter();
  // `yaml`'s own duplicate-key check is quadratic in the number of keys; duplicateKeyIssues is linear.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, version: '1.2', uniqueKeys: false });
  const source: YamlSource = { path, text, document, lineCounter };
  if (document.errors.length > 0) return err(document.errors.map((error) => issueAt(source, error.pos[0], syntaxMessage(error.code, error.message))));
  const duplicates = duplicateKeyIssues(source);
  if (duplicates.length > 0) return err(duplicates);
  try {
    return ok({ source, data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const message = /excessive alias/i.test(error.message) ? 'aliases expand to too many nodes (a "billion laughs" document?); the file was not loaded' : `YAML syntax error: ${error.message}`;
    return err([issueAt(source, firstAliasOffset(document), message)]);
  }
}

/** Position of the node a JSON pointer names, or of its nearest existing ancestor. */
export function positionOf(source: YamlSource, pointer: string): Position {
  const segments = parseJsonPointer(pointer);
  for (let length = segments.length; length >= 0; length -= 1) {
    const node = length === 0 ? source.document.contents : source.document.getIn(segments.slice(0, length), true);
    if (isNode(node) && node.range) return toPosition(source, node.range[0]);
  }
  return { line: 1, column: 1 };
}

/** Position of a key inside the mapping a JSON pointer names (falls back to the mapping). */
export function keyPositionOf(source: YamlSource, pointer: string, key: string): Position {
  const segments = parseJsonPointer(pointer);
  const node = segments.length === 0 ? source.document.contents : source.document.getIn(segments, true);
  if (!isMap(node)) return positionOf(source, pointer);
  const offset = keyOffsets(node).get(key);
  return offset === undefined ? positionOf(source, pointer) : toPosition(source, offset);
}

/** Offsets of a mapping's scalar keys, built once per mapping (a file with thousands of unknown keys stays linear). */
const keyOffsetCache = new WeakMap<YAMLMap, Map<string, number>>();

function keyOffsets(map: YAMLMap): Map<string, number> {
  const cached = keyOffsetCache.get(map);
  if (cached !== undefined) return cached;
  const offsets = new Map<string, number>();
  for (const pair of map.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : '');
    const start = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (start !== undefined && !offsets.has(key)) offsets.set(key, start);
  }
  keyOffsetCache.set(map, offsets);
  return offsets;
}

/** The source range (start, exclusive end without trailing blanks) of the node a JSON pointer names. */
export function rangeOf(source: YamlSource, pointer: string): { readonly start: number; readonly end: number } | undefined {
  const node = source.document.getIn(parseJsonPointer(pointer), true);
  if (!isNode(node) || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  return { start, end: start + source.text.slice(start, valueEnd).trimEnd().length };
}

export function toPosition(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

function issueAt(source: YamlSource, offset: number, message: string): SourceIssue {
  const { line, column } = toPosition(source, offset);
  return { line, column, message };
}

function syntaxMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'YAML syntax error: the file holds more than one document (remove the "---" separator)';
  if (/call stack|stack overflow/i.test(message)) return 'YAML syntax error: the document nests too deeply';
  return `YAML syntax error: ${message}`;
}

/** A key that appears twice in one mapping (YAML forbids it; a parser would silently keep the last). */
function duplicateKeyIssues(source: YamlSource): SourceIssue[] {
  const issues: SourceIssue[] = [];
  visit(source.document, {
    Map(_key, map) {
      for (const key of repeatedKeys(map)) issues.push(issueAt(source, key.offset, `duplicate key ${JSON.stringify(key.name)}`));
    },
  });
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

function repeatedKeys(map: YAMLMap): { readonly name: string; readonly offset: number }[] {
  const seen = new Set<string>();
  const repeated: { name: string; offset: number }[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    if (seen.has(name)) repeated.push({ name, offset: pair.key.range?.[0] ?? 0 });
    seen.add(name);
  }
  return repeated;
}

function firstAliasOffset(document: Document.Parsed): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}
