import type { CST, Document, Tags } from 'yaml';
import { Composer, Parser, isScalar, visit } from 'yaml';
import type { ScanError, SourceDocument } from '../core/index.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { arrayAt, isJsonObject, toJsonValue } from './json.ts';
import type { PositionMap } from './positions.ts';
import { buildPositionMap } from './positions.ts';

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
 * YAML 1.1, as Kubernetes reads manifests (`0755` is 493, `no` is false), except that
 * timestamps and sexagesimal numbers stay strings: Kubernetes' decoder keeps them as text.
 */
const YAML_OPTIONS = {
  version: '1.1',
  customTags: (tags: Tags): Tags => tags.filter(keepsKubernetesMeaning),
  logLevel: 'error',
} as const;

function keepsKubernetesMeaning(tag: Tags[number]): boolean {
  if (typeof tag === 'string') return true;
  return tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME';
}

/** JSON is a subset of YAML 1.2; parsing it with the same library keeps positions. */
const JSON_OPTIONS = { version: '1.2', logLevel: 'error' } as const;

/**
 * Parses every document of a manifest file (YAML or JSON) into Kubernetes objects. Documents
 * that are not objects with a string `apiVersion` and `kind` are skipped; `List` kinds expand
 * to their items. A document that does not parse becomes one error and the others are still
 * read; duplicate keys are reported and the last value wins, as in Kubernetes.
 */
export function loadManifests(source: SourceDocument): LoadOutput {
  const objects: LoadedObject[] = [];
  const errors: ScanError[] = [];
  const isJson = source.path.toLowerCase().endsWith('.json');
  const composer = new Composer(isJson ? JSON_OPTIONS : YAML_OPTIONS);
  const reporter = new ErrorReporter(source, errors);
  let documentIndex = 0;
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
  const positions = buildPositionMap(document, source.lines, source.text);
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
  for (const offset of offsets.slice(0, MAX_DUPLICATE_KEY_ERRORS)) {
    reporter.add(offset, `Duplicate key "${names.get(offset) ?? '?'}" in document ${index + 1}; the last value is used, as Kubernetes does.`);
  }
  const more = offsets.length - MAX_DUPLICATE_KEY_ERRORS;
  if (more > 0) reporter.add(offsets[MAX_DUPLICATE_KEY_ERRORS] ?? 0, `Document ${index + 1} has ${more} more duplicate keys.`);
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
