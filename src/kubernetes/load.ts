import type { CST, Document } from 'yaml';
import { Composer, Parser, isScalar, visit } from 'yaml';
import type { Position, ScanError, SourceDocument, SourceRange } from '../core/index.ts';
import { LineIndex } from '../core/index.ts';
import { MAX_YAML_INDENT, deepIndentationLine } from '../core/yaml-guard.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { arrayAt, isJsonObject, toJsonValue } from './json.ts';
import { PositionMap, buildPositionMap } from './positions.ts';
import type { DuplicateKey } from './fast-yaml.ts';
import { loadFast } from './fast-yaml.ts';
import { JSON_OPTIONS, YAML_OPTIONS } from './yaml-options.ts';

/** One Kubernetes object found in a file, with the positions of its fields. */
export interface LoadedObject {
  readonly object: JsonObject;
  /** 0-based index of the YAML document (`---` separated) that holds the object. */
  readonly documentIndex: number;
  /** 0-based index in the `items` of a `List` document; undefined for a top-level object. */
  readonly itemIndex: number | undefined;
  /** Positions keyed by pointers relative to the object (`/spec/...`, also for a `List` item). */
  readonly positions: PositionMap;
}

export interface LoadOutput {
  readonly objects: readonly LoadedObject[];
  readonly errors: readonly ScanError[];
}

/**
 * Deeper documents are refused before they are composed. The YAML composer recurses once per
 * level (about 800 levels of flow collections exhaust Node's default stack) and V8 can abort the
 * whole process when it compiles a regular expression that close to the limit; no Kubernetes
 * object comes near this depth.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * Lines indented deeper are refused before the `yaml` parser sees them (it overflows the stack a few
 * thousand levels down). Four times the shared limit: an object nested MAX_NESTING_DEPTH levels, written
 * as block YAML (an admission request's object is), stays under it and gets the nesting message.
 */
const MAX_MANIFEST_INDENT = MAX_YAML_INDENT * 4;

/**
 * Parses every document of a manifest file (YAML or JSON) into Kubernetes objects. Documents
 * that are not objects with a string `apiVersion` and `kind` are skipped; `List` kinds expand
 * to their items. A document that does not parse becomes one error and the others are still
 * read; duplicate keys are reported and the last value wins, as in Kubernetes.
 */
export function loadManifests(source: SourceDocument): LoadOutput {
  if (looksUtf16(source.text)) {
    const message = 'File is UTF-16 encoded; manifests are read as UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8); it was not read.';
    return { objects: [], errors: [{ path: source.path, code: 'PARSE_FAILED', message, startLine: 1, startColumn: 1 }] };
  }
  const deep = deepIndentationLine(source.text, MAX_MANIFEST_INDENT);
  if (deep !== undefined) {
    const message = `Line ${deep} is indented more than ${MAX_MANIFEST_INDENT} columns (no manifest nests that deep; such a file exhausts the YAML parser's stack); it was not read.`;
    return { objects: [], errors: [{ path: source.path, code: 'PARSE_FAILED', message, startLine: deep, startColumn: 1 }] };
  }
  const loaded = loadGuarded(source);
  const invalid = source.text.indexOf('\ufffd');
  if (invalid === -1) return loaded;
  const { line, column } = source.lines.positionAt(invalid);
  const error: ScanError = { path: source.path, code: 'PARSE_FAILED', message: 'Invalid UTF-8 (shown as U+FFFD) first here; the API server refuses such a file.', startLine: line, startColumn: column };
  return { objects: loaded.objects, errors: [error, ...loaded.errors] };
}

/** `loadYaml`, with a stack overflow inside the `yaml` library (nesting the pre-check did not catch) as an error. */
function loadGuarded(source: SourceDocument): LoadOutput {
  try {
    return loadYaml(source);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { objects: [], errors: [{ path: source.path, code: 'PARSE_FAILED', message: `The YAML nests too deeply to be read (${error.message}); it was not read.`, startLine: 1, startColumn: 1 }] };
  }
}

/**
 * UTF-16 text decoded as UTF-8: a byte-order mark (two U+FFFD) or ASCII interleaved with NULs.
 * The YAML libraries of Kubernetes accept UTF-16; this loader reports it instead of misreading it.
 */
export function looksUtf16(text: string): boolean {
  const head = text.startsWith('\ufffd\ufffd') ? text.slice(2, 66) : text.slice(0, 64);
  if (head.length < 4) return false;
  // Without a NUL no place is all NULs: the answer for nearly every file, without walking the head.
  if (!head.includes('\0')) return false;
  // Characters (code points) at even and odd places, without arrays: this runs on every file.
  let evenAllNul = true;
  let oddAllNul = true;
  let index = 0;
  for (const character of head) {
    if (character !== '\0' && index % 2 === 0) evenAllNul = false;
    else if (character !== '\0') oddAllNul = false;
    index += 1;
  }
  return evenAllNul !== oddAllNul;
}

/**
 * Most manifests are plain block YAML: the fast loader reads them in one pass. From the first
 * document it is not sure of (when that document starts with `---`; else for the whole file), the
 * `yaml` library reads the rest.
 */
function loadYaml(source: SourceDocument): LoadOutput {
  if (source.path.toLowerCase().endsWith('.json')) return loadWithLibrary(source);
  const objects: LoadedObject[] = [];
  const errors: ScanError[] = [];
  let start = { offset: 0, index: 0 };
  for (;;) {
    const fast = loadFast(source.text, start);
    for (const document of fast.documents) {
      if (document.duplicates.length > 0) reportDuplicates(document.duplicates, document.index, new ErrorReporter(source, errors));
      objects.push(...objectsOf(document.value, document.index, new PositionMap(document.offsets, source.lines)));
    }
    if (fast.rest === undefined) return { objects, errors };
    // The library reads that one document (up to the next `---` line), then the fast loader goes on.
    const end = fast.rest.toEnd ? -1 : nextDocumentStart(source.text, fast.rest.offset);
    const part = loadWithLibrary(source, fast.rest, end === -1 ? source.text.length : end);
    objects.push(...part.objects);
    errors.push(...part.errors);
    if (end === -1) return { objects, errors };
    start = { offset: end, index: fast.rest.index + 1 };
  }
}

/**
 * The start of the next `---` line after the one at `offset`, or -1 (also when a `...` line comes
 * first: the documents after it are then counted by the library, to the end).
 */
function nextDocumentStart(text: string, offset: number): number {
  DOCUMENT_MARKER.lastIndex = offset + 3;
  const found = DOCUMENT_MARKER.exec(text);
  if (found === null || found[1] === '...') return -1;
  return found.index + 1;
}

const DOCUMENT_MARKER = /\n(---|\.\.\.)(?=[ \n]|$)/g;

/**
 * `loadManifests` with the `yaml` library (what the fast loader must agree with), from a document
 * boundary (`from`: its offset, at a `---` line, and its index) to `end` (a `---` line, or the end).
 */
export function loadWithLibrary(whole: SourceDocument, from: { readonly offset: number; readonly index: number } = { offset: 0, index: 0 }, end = whole.text.length): LoadOutput {
  const part = from.offset === 0 && end === whole.text.length ? whole.text : whole.text.slice(from.offset, end);
  const source = part === whole.text ? whole : { path: whole.path, text: part, lines: new ShiftedLineIndex(part, whole.lines, from.offset) };
  const objects: LoadedObject[] = [];
  const errors: ScanError[] = [];
  const isJson = source.path.toLowerCase().endsWith('.json');
  const composer = new Composer(isJson ? JSON_OPTIONS : YAML_OPTIONS);
  const reporter = new ErrorReporter(source, errors);
  let documentIndex = from.index;
  for (const group of documentGroups(new Parser().parse(source.text), reporter)) {
    const index = documentIndex;
    documentIndex += 1;
    if (nestingDepth(group.document) > MAX_NESTING_DEPTH) {
      reporter.add(group.document.offset, `Document ${index + 1} nests deeper than ${MAX_NESTING_DEPTH} levels; it was not read.`);
      continue;
    }
    for (const document of composer.compose(group.tokens)) {
      for (const object of readDocument(document, index, source, reporter)) objects.push(object);
    }
  }
  return { objects, errors };
}

function readDocument(document: Document.Parsed, index: number, source: SourceDocument, reporter: ErrorReporter): LoadedObject[] {
  const syntaxError = document.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  if (syntaxError !== undefined) {
    reporter.add(syntaxError.pos[0], `YAML syntax error in document ${index + 1}: ${firstLine(syntaxError.message)}`);
    return [];
  }
  reportDuplicateKeys(document, index, reporter);
  const value = decode(document);
  if (value instanceof Error) {
    reporter.add(document.contents?.range[0] ?? document.range[0], `Document ${index + 1} could not be read: ${firstLine(value.message)}`);
    return [];
  }
  if (!isJsonObject(value) || !isKubernetesObject(value)) return [];
  return objectsOf(value, index, buildPositionMap(document, source.lines, source.text));
}

/** The Kubernetes objects of one decoded document: the object itself, or the items of a `List`. */
function objectsOf(value: JsonValue, index: number, positions: PositionMap): LoadedObject[] {
  if (!isJsonObject(value) || !isKubernetesObject(value)) return [];
  if (!isListKind(value)) return [{ object: value, documentIndex: index, itemIndex: undefined, positions }];
  return arrayAt(value, 'items').flatMap((item, itemIndex) =>
    isJsonObject(item) && isKubernetesObject(item) ? [{ object: item, documentIndex: index, itemIndex, positions: positions.scoped(`/items/${itemIndex}`) }] : [],
  );
}

/** The document's value, or why it has none: an unresolved alias, the alias limit (billion laughs), a bad merge key, too deep a value. */
function decode(document: Document.Parsed): JsonValue | Error {
  try {
    return toJsonValue(document.toJS());
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** At most this many duplicate keys are reported one by one per document; the rest are counted. */
const MAX_DUPLICATE_KEY_ERRORS = 10;

function reportDuplicateKeys(document: Document.Parsed, index: number, reporter: ErrorReporter): void {
  const offsets = document.errors.filter((error) => error.code === 'DUPLICATE_KEY').map((error) => error.pos[0]);
  if (offsets.length === 0) return;
  const names = keyNamesAt(document, new Set(offsets.slice(0, MAX_DUPLICATE_KEY_ERRORS)));
  reportDuplicates(offsets.map((offset) => ({ offset, key: names.get(offset) ?? '?' })), index, reporter);
}

/** The errors for a document's duplicate keys (in source order): the first ones one by one, then how many more. */
function reportDuplicates(duplicates: readonly DuplicateKey[], index: number, reporter: ErrorReporter): void {
  const shown = Math.min(duplicates.length, MAX_DUPLICATE_KEY_ERRORS);
  for (let at = 0; at < shown; at += 1) {
    const duplicate = duplicates[at];
    if (duplicate !== undefined) reporter.add(duplicate.offset, `Duplicate key "${duplicate.key}" in document ${index + 1}; the last value is used, as Kubernetes does.`);
  }
  const more = duplicates.length - MAX_DUPLICATE_KEY_ERRORS;
  if (more > 0) reporter.add(duplicates[MAX_DUPLICATE_KEY_ERRORS]?.offset ?? 0, `Document ${index + 1} has ${more} more duplicate keys.`);
}

/** The text of the scalar keys that start at the given offsets, found in one pass. */
function keyNamesAt(document: Document.Parsed, offsets: ReadonlySet<number>): Map<number, string> {
  const names = new Map<number, string>();
  visit(document, {
    Pair: (_key, pair) => {
      if (!isScalar(pair.key)) return;
      const start = pair.key.range?.[0];
      if (start !== undefined && offsets.has(start)) names.set(start, String(pair.key.value));
    },
  });
  return names;
}

function isKubernetesObject(value: JsonObject): boolean {
  return typeof value['apiVersion'] === 'string' && value['apiVersion'] !== '' && typeof value['kind'] === 'string' && value['kind'] !== '';
}

/** `List`, `PodList`, `DeploymentList` …: expanded when `items` is an array. */
function isListKind(value: JsonObject): boolean {
  const kind = value['kind'];
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items']);
}

interface DocumentGroup {
  readonly document: CST.Document;
  /** The document and the stream tokens that belong to it (directives, comments before it, `...` after it). */
  readonly tokens: readonly CST.Token[];
}

/**
 * Splits the token stream per document so that each can be checked, then composed, on its own.
 * Errors between documents are reported here (the first of each run) rather than charged to the
 * next document.
 */
function* documentGroups(tokens: Iterable<CST.Token>, reporter: ErrorReporter): Generator<DocumentGroup> {
  let group: CST.Token[] = [];
  let document: CST.Document | undefined;
  let inErrorRun = false;
  for (const token of tokens) {
    if (token.type === 'error') {
      if (!inErrorRun) reporter.add(token.offset, `YAML syntax error: ${firstLine(token.message)}`);
      inErrorRun = true;
      continue;
    }
    if (document !== undefined && token.type !== 'doc-end') {
      yield { document, tokens: group };
      group = [];
      document = undefined;
    }
    group.push(token);
    if (token.type !== 'document') continue;
    document = token;
    inErrorRun = false;
  }
  if (document !== undefined) yield { document, tokens: group };
}

/** The deepest collection nesting of a CST document, walked without recursion. */
function nestingDepth(document: CST.Document): number {
  const stack: { token: CST.Token | null | undefined; depth: number }[] = [{ token: document.value, depth: 0 }];
  let deepest = 0;
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { token, depth } = entry;
    if (token === null || token === undefined) continue;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING_DEPTH) return deepest;
    for (const item of token.items) {
      stack.push({ token: item.value, depth: depth + 1 });
      if ('key' in item) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return deepest;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** Positions of a part of a file (from `shift` to its end) given in the whole file's lines and columns. */
class ShiftedLineIndex extends LineIndex {
  readonly #whole: LineIndex;
  readonly #shift: number;

  constructor(part: string, whole: LineIndex, shift: number) {
    super(part);
    this.#whole = whole;
    this.#shift = shift;
  }

  override positionAt(offset: number): Position {
    return this.#whole.positionAt(offset + this.#shift);
  }

  override rangeOf(startOffset: number, endOffset: number): SourceRange {
    return this.#whole.rangeOf(startOffset + this.#shift, endOffset + this.#shift);
  }

  override lineStart(line: number): number {
    return this.#whole.lineStart(line) - this.#shift;
  }
}

class ErrorReporter {
  readonly #source: SourceDocument;
  readonly #errors: ScanError[];

  constructor(source: SourceDocument, errors: ScanError[]) {
    this.#source = source;
    this.#errors = errors;
  }

  add(offset: number, message: string): void {
    const { line, column } = this.#source.lines.positionAt(offset);
    this.#errors.push({ path: this.#source.path, code: 'PARSE_FAILED', message, startLine: line, startColumn: column });
  }
}
