import type { JsonObject, JsonValue } from './json.ts';
import { FastOffsets } from './fast-offsets.ts';
import { DASH, DOT, DOUBLE_QUOTE, GIVE_UP, GREATER, MAX_DEPTH, OPEN_BRACE, OPEN_BRACKET, PIPE, SINGLE_QUOTE, SPACE, giveUp, isIndicator } from './fast-cursor.ts';
import { FastScalarReader } from './fast-scalar-reader.ts';

/** What the fast loader read, and where the `yaml` library must take over (a `---` line and its document's index), if anywhere. */
export interface FastLoad {
  readonly documents: readonly FastDocument[];
  readonly rest: FastRest | undefined;
}

/**
 * The part the library reads: from `offset` (a `---` line, or where reading started), whose
 * document has `index`; the one document there (`toEnd` false, the reader may go on after it) or
 * everything to the end of the text.
 */
export interface FastRest {
  readonly offset: number;
  readonly index: number;
  readonly toEnd: boolean;
}

/** Where to start: 0 and 0, or the `---` line of a document and its index. */
export interface FastStart {
  readonly offset: number;
  readonly index: number;
}

/** One document read by the fast loader. */
export interface FastDocument {
  /** 0-based, counted as the `yaml` library counts documents. */
  readonly index: number;
  readonly value: JsonValue;
  readonly offsets: FastOffsets;
  /** Duplicate keys of block mappings, in source order: each one's offset and text (the last value is kept, as the library keeps it). */
  readonly duplicates: readonly DuplicateKey[];
}

export interface DuplicateKey {
  readonly offset: number;
  readonly key: string;
}

/**
 * A single-pass reader for the YAML that manifests are made of: block mappings and sequences,
 * plain, quoted and block scalars, flow collections (over several lines when each entry ends on
 * its line), comments and `---` separators. It builds the decoded values directly and keeps, per
 * mapping and sequence, the offsets of its entries (turned into lines and columns only when a
 * finding asks). Anything outside that subset, or anything it is not sure of (anchors, tags, merge
 * keys, tabs, CRLF, comments or blank lines in flow collections, keep chomping, duplicate keys
 * that are not plain text or sit in flow mappings, syntax errors), makes it give up: `rest` says where
 * the `yaml` library must read (that document when it starts with `---`, else everything from
 * where reading started): same values, same positions, same errors, only slower.
 */
export function loadFast(text: string, start: FastStart = { offset: 0, index: 0 }): FastLoad {
  const everything = { documents: [], rest: { ...start, toEnd: true } };
  if (start.offset === 0 && UNSUPPORTED_CHARACTERS.test(text)) return everything;
  const reader = new FastReader(text, start);
  try {
    reader.read();
    return { documents: reader.finish(), rest: undefined };
  } catch (error) {
    if (error !== GIVE_UP) throw error;
    return reader.resume === undefined ? everything : { documents: reader.finish(), rest: { ...reader.resume, toEnd: false } };
  }
}

const NO_DUPLICATES: readonly DuplicateKey[] = Object.freeze([]);

/** Tabs, carriage returns, control characters, byte-order marks and Unicode line separators: left to the full parser. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;

/** Documents and block collections; scalars and flow collections come from FastScalarReader. */
class FastReader extends FastScalarReader {
  readonly firstIndex: number;

  constructor(text: string, start: FastStart) {
    super(text);
    this.pos = start.offset;
    this.firstIndex = start.index;
  }

  /** Documents read so far (complete). */
  readonly done: FastDocument[] = [];
  /** Duplicate keys of the document being read (the library reports each one; the last value wins). */
  duplicates: DuplicateKey[] = [];
  /** Where the library can take over if the reader gives up now: the `---` line of the current document. */
  resume: { offset: number; index: number } | undefined = undefined;

  /** The documents read, once reading stopped (the offsets' buffer is trimmed to what they use). */
  finish(): FastDocument[] {
    this.store.trim();
    return this.done;
  }

  /** Documents are counted as the `yaml` library counts them: each `---`, and content after `...` or before any marker. */
  read(): void {
    let index = this.firstIndex - 1;
    let open = false;
    for (;;) {
      const content = this.peekLine();
      if (content === -1) return;
      const marker = this.marker(content);
      if (marker === DASH) {
        index += 1;
        open = true;
        this.resume = { offset: this.lineStart, index };
        this.pos = this.afterMarker(content);
        continue;
      }
      if (marker === DOT) {
        if (!open) giveUp();
        this.pos = this.afterMarker(content);
        open = false;
        continue;
      }
      if (!open) {
        index += 1;
        open = true;
        this.resume = undefined;
      }
      const value = this.node(content, content - this.lineStart, -1);
      const offsets = new FastOffsets(this.store, value, this.containerOf(value), this.start, this.trim(this.start, this.end));
      const next = this.peekLine();
      if (next !== -1 && this.marker(next) === 0) giveUp();
      if (this.duplicates.length === 0) {
        this.done.push({ index, value, offsets, duplicates: NO_DUPLICATES });
      } else {
        this.done.push({ index, value, offsets, duplicates: this.duplicates });
        this.duplicates = [];
      }
      this.resume = undefined;
    }
  }

  /** A node that starts a line: a block sequence, a block mapping or a scalar on its own line. */
  protected node(at: number, indent: number, parentIndent: number): JsonValue {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) giveUp();
    let value: JsonValue;
    if (this.text.charCodeAt(at) === DASH && this.blankAt(at + 1)) value = this.sequence(at, indent);
    else if (this.keyColon(at) !== -1) value = this.mapping(at, indent);
    else value = this.inline(at, parentIndent);
    this.depth -= 1;
    return value;
  }

  protected mapping(first: number, indent: number): JsonObject {
    const text = this.text;
    const object: Record<string, JsonValue> = {};
    const store = this.store;
    const mark = store.mark;
    const keyMark = store.keyMark;
    let at = first;
    let end = first;
    for (;;) {
      const colon = this.keyColon(at);
      if (colon === -1) giveUp();
      const key = this.key;
      const keyEnd = this.keyEnd;
      // A duplicate key is read as the library reads it (reported; the last value wins, in the first key's place) when
      // both keys are text: then the library sees the same key twice too (a number, boolean or null key is left to it).
      const duplicate = Object.hasOwn(object, key);
      if (duplicate) {
        if (!isTextKey(key)) giveUp();
        // Reported in the library's order: a key before the duplicates inside its value.
        this.duplicates.push({ offset: at, key });
      }
      let valueAt = colon + 1;
      while (text.charCodeAt(valueAt) === SPACE) valueAt += 1;
      let value: JsonValue;
      if (this.endsLine(valueAt)) {
        this.pos = this.nextLine(valueAt);
        const next = this.peekLine();
        const nextIndent = next - this.lineStart;
        if (next !== -1 && !this.isMarker(next) && nextIndent > indent) value = this.node(next, nextIndent, indent);
        else if (next !== -1 && nextIndent === indent && text.charCodeAt(next) === DASH && this.blankAt(next + 1)) value = this.sequence(next, indent);
        else value = this.empty(valueAt);
      } else {
        value = this.inline(valueAt, indent);
      }
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
      if (duplicate) {
        store.replaceMappingEntry(mark, keyMark, key, this.start, this.trim(this.start, this.end), at, keyEnd, this.containerOf(value));
      } else {
        store.mappingEntry(key, this.start, this.trim(this.start, this.end), at, keyEnd, this.containerOf(value));
      }
      end = this.end;
      const next = this.peekLine();
      if (next === -1 || this.isMarker(next)) break;
      const nextIndent = next - this.lineStart;
      if (nextIndent < indent) break;
      if (nextIndent > indent) giveUp();
      at = next;
    }
    this.container = store.closeMapping(mark, keyMark);
    this.start = first;
    this.end = end;
    return object;
  }

  protected sequence(first: number, indent: number): JsonValue[] {
    const text = this.text;
    const items: JsonValue[] = [];
    const mark = this.store.mark;
    let dash = first;
    let end = first;
    for (;;) {
      const lineStart = this.lineStart;
      let valueAt = dash + 1;
      while (text.charCodeAt(valueAt) === SPACE) valueAt += 1;
      let value: JsonValue;
      if (this.endsLine(valueAt)) {
        this.pos = this.nextLine(valueAt);
        const next = this.peekLine();
        const nextIndent = next - this.lineStart;
        value = next !== -1 && !this.isMarker(next) && nextIndent > indent ? this.node(next, nextIndent, indent) : this.empty(valueAt);
      } else if (text.charCodeAt(valueAt) === DASH && this.blankAt(valueAt + 1)) {
        this.enter();
        value = this.sequence(valueAt, valueAt - lineStart);
        this.depth -= 1;
      } else if (this.keyColon(valueAt) !== -1) {
        this.enter();
        value = this.mapping(valueAt, valueAt - lineStart);
        this.depth -= 1;
      } else {
        value = this.inline(valueAt, indent);
      }
      items.push(value);
      this.store.sequenceEntry(this.start, this.trim(this.start, this.end), this.containerOf(value));
      end = this.end;
      const next = this.peekLine();
      if (next === -1 || this.isMarker(next)) break;
      const nextIndent = next - this.lineStart;
      if (nextIndent < indent) break;
      if (nextIndent > indent) giveUp();
      if (text.charCodeAt(next) !== DASH || !this.blankAt(next + 1)) break;
      dash = next;
    }
    this.container = this.store.closeSequence(mark, items.length);
    this.start = first;
    this.end = end;
    return items;
  }

  /** One level deeper, for a collection that starts on its parent's `- ` line (`- key: value`, `- - item`); the caller steps back. */
  protected enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) giveUp();
  }

  /** An empty value (`key:` or `-`): null, at the offset after the indicator's spaces. */
  protected empty(at: number): null {
    this.start = at;
    this.end = at;
    return null;
  }

  /** A scalar or flow collection that starts at `at` (after a key or `- `, or on its own line). */
  protected inline(at: number, parentIndent: number): JsonValue {
    if (parentIndent < 0) giveUp();
    const code = this.text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = this.quoted(at, parentIndent);
      this.finishLine(this.end);
      return value;
    }
    if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      const value = this.flowIn(at, parentIndent);
      this.finishLine(this.end);
      return value;
    }
    if (code === PIPE || code === GREATER) return this.blockScalar(at, parentIndent);
    if (isIndicator(code) || (code === DASH && this.blankAt(at + 1))) giveUp();
    return this.plain(at, parentIndent);
  }
}

/**
 * A key that only a string decodes to: not empty (null), not a word a boolean or a float writes, not
 * starting like a number. Two keys with that text are then the same key for the library as well.
 */
function isTextKey(key: string): boolean {
  if (key === '' || key === '__proto__' || NON_TEXT_KEYS.has(key)) return false;
  const first = key.charCodeAt(0);
  return !((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46);
}

const NON_TEXT_KEYS = new Set(['true', 'false', 'Infinity', 'NaN']);
