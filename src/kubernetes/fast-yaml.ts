import type { JsonObject, JsonValue } from './json.ts';
import type { BlockLine } from './fast-scalars.ts';
import { UNSURE, blockScalarValue, doubleQuotedValue, multilineDoubleQuotedValue, plainValue } from './fast-scalars.ts';
import type { ContainerOffsets } from './fast-offsets.ts';
import { FastOffsets } from './fast-offsets.ts';

/** What the fast loader read, and where the `yaml` library must take over (a `---` line and its document's index), if anywhere. */
export interface FastLoad {
  readonly documents: readonly FastDocument[];
  readonly rest: { readonly offset: number; readonly index: number } | undefined;
}

/** One document read by the fast loader. */
export interface FastDocument {
  /** 0-based, counted as the `yaml` library counts documents. */
  readonly index: number;
  readonly value: JsonValue;
  readonly offsets: FastOffsets;
}

/**
 * A single-pass reader for the YAML that manifests are made of: block mappings and sequences,
 * plain, quoted and block scalars, one-line flow collections, comments and `---` separators.
 * It builds the decoded values directly and keeps, per mapping and sequence, the offsets of its
 * entries (turned into lines and columns only when a finding asks). Anything outside that subset,
 * or anything it is not sure of (anchors, tags, tabs, CRLF, multi-line quoted or flow scalars,
 * duplicate keys, syntax errors), makes it give up: from that document on (when the document
 * starts with `---`; else for the whole file) the file is read by the `yaml` library: same values,
 * same positions, same errors, only slower.
 */
export function loadFast(text: string): FastLoad {
  if (UNSUPPORTED_CHARACTERS.test(text)) return { documents: [], rest: { offset: 0, index: 0 } };
  const reader = new FastReader(text);
  try {
    reader.read();
    return { documents: reader.done, rest: undefined };
  } catch (error) {
    if (error !== GIVE_UP) throw error;
    return reader.resume === undefined ? { documents: [], rest: { offset: 0, index: 0 } } : { documents: reader.done, rest: reader.resume };
  }
}

/** Tabs, carriage returns, control characters, byte-order marks and Unicode line separators: left to the full parser. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;
const GIVE_UP = Symbol('give up');
const MAX_DEPTH = 100;
const MAX_KEY_LENGTH = 1000;

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const PIPE = 124;
const GREATER = 62;
const DOT = 46;

/** `? : , [ ] { } # & * ! | > ' " % @ \``: a plain scalar never starts with these here. */
const INDICATORS = new Set([63, 58, 44, 91, 93, 123, 125, 35, 38, 42, 33, 124, 62, 39, 34, 37, 64, 96]);

function giveUp(): never {
  throw GIVE_UP;
}

class FastReader {
  readonly #text: string;
  readonly #length: number;
  readonly #containers = new Map<object, ContainerOffsets>();
  /** Start of the next line not read yet. */
  #pos = 0;
  /** Start of the line the last `peekLine` found. */
  #lineStart = 0;
  /** Span of the node parsed last: its start and the end of its last descendant (before trimming). */
  #start = 0;
  #end = 0;
  #depth = 0;
  /** Set by `#keyColon`: the key's decoded text and the end of its source. */
  #key = '';
  #keyEnd = 0;

  constructor(text: string) {
    this.#text = text;
    this.#length = text.length;
  }

  /** Documents read so far (complete). */
  readonly done: FastDocument[] = [];
  /** Where the library can take over if the reader gives up now: the `---` line of the current document. */
  resume: { offset: number; index: number } | undefined = undefined;

  /** Documents are counted as the `yaml` library counts them: each `---`, and content after `...` or before any marker. */
  read(): void {
    let index = -1;
    let open = false;
    for (;;) {
      const content = this.#peekLine();
      if (content === -1) return;
      const marker = this.#marker(content);
      if (marker === DASH) {
        index += 1;
        open = true;
        this.resume = { offset: this.#lineStart, index };
        this.#pos = this.#afterMarker(content);
        continue;
      }
      if (marker === DOT) {
        if (!open) giveUp();
        this.#pos = this.#afterMarker(content);
        open = false;
        continue;
      }
      if (!open) {
        index += 1;
        open = true;
        this.resume = undefined;
      }
      const value = this.#node(content, content - this.#lineStart, -1);
      const offsets = new FastOffsets(this.#containers, value, this.#start, this.#trim(this.#start, this.#end));
      const next = this.#peekLine();
      if (next !== -1 && this.#marker(next) === 0) giveUp();
      this.done.push({ index, value, offsets });
      this.resume = undefined;
    }
  }

  /** Skips blank and comment lines; the offset of the next line's first character (-1 at the end). */
  #peekLine(): number {
    const text = this.#text;
    let line = this.#pos;
    while (line < this.#length) {
      let at = line;
      while (text.charCodeAt(at) === SPACE) at += 1;
      if (at >= this.#length) break;
      const code = text.charCodeAt(at);
      if (code === NEWLINE) {
        line = at + 1;
        continue;
      }
      if (code === HASH) {
        line = this.#nextLine(at);
        continue;
      }
      this.#pos = line;
      this.#lineStart = line;
      return at;
    }
    this.#pos = this.#length;
    return -1;
  }

  /** `---` (DASH) or `...` (DOT) at the start of a line, else 0; directives are left to the full parser. */
  #marker(at: number): number {
    if (at !== this.#lineStart) return 0;
    const text = this.#text;
    const code = text.charCodeAt(at);
    if (code === 37) giveUp();
    if ((code === DASH || code === DOT) && text.charCodeAt(at + 1) === code && text.charCodeAt(at + 2) === code && this.#blankAt(at + 3)) return code;
    return 0;
  }

  #isMarker(at: number): boolean {
    return this.#marker(at) !== 0;
  }

  /** The line after a `---` or `...` marker, which may only carry a comment. */
  #afterMarker(at: number): number {
    let next = at + 3;
    while (this.#text.charCodeAt(next) === SPACE) next += 1;
    if (next < this.#length && this.#text.charCodeAt(next) !== NEWLINE) giveUp();
    return this.#nextLine(next);
  }

  /** A node that starts a line: a block sequence, a block mapping or a scalar on its own line. */
  #node(at: number, indent: number, parentIndent: number): JsonValue {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) giveUp();
    let value: JsonValue;
    if (this.#text.charCodeAt(at) === DASH && this.#blankAt(at + 1)) value = this.#sequence(at, indent);
    else if (this.#keyColon(at) !== -1) value = this.#mapping(at, indent);
    else value = this.#inline(at, parentIndent);
    this.#depth -= 1;
    return value;
  }

  #mapping(first: number, indent: number): JsonObject {
    const text = this.#text;
    const object: Record<string, JsonValue> = {};
    const keys: string[] = [];
    const offsets: number[] = [];
    let at = first;
    let end = first;
    for (;;) {
      const colon = this.#keyColon(at);
      if (colon === -1) giveUp();
      const key = this.#key;
      const keyEnd = this.#keyEnd;
      if (Object.hasOwn(object, key)) giveUp();
      let valueAt = colon + 1;
      while (text.charCodeAt(valueAt) === SPACE) valueAt += 1;
      let value: JsonValue;
      if (this.#endsLine(valueAt)) {
        this.#pos = this.#nextLine(valueAt);
        const next = this.#peekLine();
        const nextIndent = next - this.#lineStart;
        if (next !== -1 && !this.#isMarker(next) && nextIndent > indent) value = this.#node(next, nextIndent, indent);
        else if (next !== -1 && nextIndent === indent && text.charCodeAt(next) === DASH && this.#blankAt(next + 1)) value = this.#sequence(next, indent);
        else value = this.#empty(valueAt);
      } else {
        value = this.#inline(valueAt, indent);
      }
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
      keys.push(key);
      offsets.push(this.#start, this.#trim(this.#start, this.#end), at, keyEnd);
      end = this.#end;
      const next = this.#peekLine();
      if (next === -1 || this.#isMarker(next)) break;
      const nextIndent = next - this.#lineStart;
      if (nextIndent < indent) break;
      if (nextIndent > indent) giveUp();
      at = next;
    }
    this.#containers.set(object, { keys, offsets });
    this.#start = first;
    this.#end = end;
    return object;
  }

  #sequence(first: number, indent: number): JsonValue[] {
    const text = this.#text;
    const items: JsonValue[] = [];
    const offsets: number[] = [];
    let dash = first;
    let end = first;
    for (;;) {
      const lineStart = this.#lineStart;
      let valueAt = dash + 1;
      while (text.charCodeAt(valueAt) === SPACE) valueAt += 1;
      let value: JsonValue;
      if (this.#endsLine(valueAt)) {
        this.#pos = this.#nextLine(valueAt);
        const next = this.#peekLine();
        const nextIndent = next - this.#lineStart;
        value = next !== -1 && !this.#isMarker(next) && nextIndent > indent ? this.#node(next, nextIndent, indent) : this.#empty(valueAt);
      } else if (text.charCodeAt(valueAt) === DASH && this.#blankAt(valueAt + 1)) {
        value = this.#compact(() => this.#sequence(valueAt, valueAt - lineStart));
      } else if (this.#keyColon(valueAt) !== -1) {
        value = this.#compact(() => this.#mapping(valueAt, valueAt - lineStart));
      } else {
        value = this.#inline(valueAt, indent);
      }
      items.push(value);
      offsets.push(this.#start, this.#trim(this.#start, this.#end));
      end = this.#end;
      const next = this.#peekLine();
      if (next === -1 || this.#isMarker(next)) break;
      const nextIndent = next - this.#lineStart;
      if (nextIndent < indent) break;
      if (nextIndent > indent) giveUp();
      if (text.charCodeAt(next) !== DASH || !this.#blankAt(next + 1)) break;
      dash = next;
    }
    this.#containers.set(items, { keys: undefined, offsets });
    this.#start = first;
    this.#end = end;
    return items;
  }

  /** A collection that starts on its parent's `- ` line (`- key: value`, `- - item`). */
  #compact(parse: () => JsonValue): JsonValue {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) giveUp();
    const value = parse();
    this.#depth -= 1;
    return value;
  }

  /** An empty value (`key:` or `-`): null, at the offset after the indicator's spaces. */
  #empty(at: number): null {
    this.#start = at;
    this.#end = at;
    return null;
  }

  /** A scalar or flow collection that starts at `at` (after a key or `- `, or on its own line). */
  #inline(at: number, parentIndent: number): JsonValue {
    if (parentIndent < 0) giveUp();
    const code = this.#text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = this.#quoted(at, parentIndent);
      this.#finishLine(this.#end);
      return value;
    }
    if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      const value = this.#flow(at);
      this.#finishLine(this.#end);
      return value;
    }
    if (code === PIPE || code === GREATER) return this.#blockScalar(at, parentIndent);
    if (INDICATORS.has(code) || (code === DASH && this.#blankAt(at + 1))) giveUp();
    return this.#plain(at, parentIndent);
  }

  /** After a value: only spaces and a comment may follow on its line. */
  #finishLine(at: number): void {
    let next = at;
    while (this.#text.charCodeAt(next) === SPACE) next += 1;
    if (next < this.#length && this.#text.charCodeAt(next) === HASH && next === at) giveUp();
    if (!this.#endsLine(next)) giveUp();
    this.#pos = this.#nextLine(next);
  }

  /** A plain scalar, with its continuation lines (more indented than its parent) folded. */
  #plain(at: number, parentIndent: number): JsonValue {
    const text = this.#text;
    const lineEnd = this.#lineEnd(at);
    const comment = this.#commentIn(at, lineEnd);
    const hasComment = comment !== -1;
    const firstEnd = this.#trimSpaces(at, hasComment ? comment : lineEnd);
    const first = text.slice(at, firstEnd);
    if (first.includes(': ') || first.endsWith(':')) giveUp();
    this.#start = at;
    this.#end = firstEnd;
    this.#pos = this.#nextLine(lineEnd);
    if (hasComment) return this.#plainValue(first);
    const parts = this.#continuation(parentIndent);
    if (parts === undefined) return this.#plainValue(first);
    return first + parts;
  }

  #plainValue(text: string): JsonValue {
    const value = plainValue(text);
    if (value === UNSURE) giveUp();
    return value;
  }

  /** The folded continuation lines of a plain scalar (from `#pos`), or undefined when there are none. Moves `#pos` and `#end`. */
  #continuation(parentIndent: number): string | undefined {
    const text = this.#text;
    let folded: string | undefined;
    let blankLines = 0;
    let line = this.#pos;
    while (line < this.#length) {
      let at = line;
      while (text.charCodeAt(at) === SPACE) at += 1;
      if (at >= this.#length) break;
      const code = text.charCodeAt(at);
      if (code === NEWLINE) {
        blankLines += 1;
        line = at + 1;
        continue;
      }
      if (at - line <= parentIndent || code === HASH) break;
      const lineEnd = this.#lineEnd(at);
      if (this.#commentIn(at, lineEnd) !== -1) giveUp();
      const end = this.#trimSpaces(at, lineEnd);
      const content = text.slice(at, end);
      if (content.includes(': ') || content.endsWith(':')) giveUp();
      folded = `${folded ?? ''}${blankLines === 0 ? ' ' : '\n'.repeat(blankLines)}${content}`;
      blankLines = 0;
      this.#end = end;
      line = this.#nextLine(lineEnd);
      this.#pos = line;
    }
    return folded;
  }

  /**
   * A single- or double-quoted scalar. In block context (`parentIndent` ≥ 0) it may span lines, each
   * more indented than its parent; in a flow collection or a key (`parentIndent` -1) it must not.
   */
  #quoted(at: number, parentIndent: number): JsonValue {
    const text = this.#text;
    const quote = text.charCodeAt(at);
    let close = at + 1;
    let multiline = false;
    for (;;) {
      const code = text.charCodeAt(close);
      if (close >= this.#length) giveUp();
      if (code === NEWLINE) {
        if (parentIndent < 0) giveUp();
        multiline = true;
        close = this.#continueQuoted(close + 1, parentIndent);
      } else if (quote === DOUBLE_QUOTE && code === 92) close += 2;
      else if (code === quote && quote === SINGLE_QUOTE && text.charCodeAt(close + 1) === SINGLE_QUOTE) close += 2;
      else if (code === quote) break;
      else close += 1;
    }
    this.#start = at;
    this.#end = close + 1;
    const source = text.slice(at, close + 1);
    if (quote === SINGLE_QUOTE) return (multiline ? foldQuoted(source.slice(1, -1)) : source.slice(1, -1)).replaceAll("''", "'");
    const value = multiline ? multilineDoubleQuotedValue(source) : doubleQuotedValue(source);
    if (value === UNSURE) giveUp();
    return value;
  }

  /** The first non-space character of a quoted scalar's next line, which must be more indented than the parent (blank lines aside). */
  #continueQuoted(line: number, parentIndent: number): number {
    let at = line;
    while (this.#text.charCodeAt(at) === SPACE) at += 1;
    if (at < this.#length && this.#text.charCodeAt(at) !== NEWLINE && at - line <= parentIndent) giveUp();
    return at;
  }

  /** A block scalar (`|`, `|-`, `>`, `>-`): its lines are those more indented than the parent, and blank ones. */
  #blockScalar(at: number, parentIndent: number): string {
    const text = this.#text;
    const folded = text.charCodeAt(at) === GREATER;
    let header = at + 1;
    const strip = text.charCodeAt(header) === DASH;
    if (strip) header += 1;
    const headerEnd = header;
    while (text.charCodeAt(header) === SPACE) header += 1;
    if (!this.#endsLine(header) || text.charCodeAt(header) === HASH) giveUp();
    const lines: BlockLine[] = [];
    let line = this.#nextLine(header);
    let contentEnd = headerEnd;
    let afterContent = line;
    let contentLines = 0;
    while (line < this.#length) {
      let first = line;
      while (text.charCodeAt(first) === SPACE) first += 1;
      const lineEnd = this.#lineEnd(first);
      if (first >= lineEnd) {
        lines.push([first - line, '']);
        line = this.#nextLine(lineEnd);
        continue;
      }
      if (first - line <= parentIndent) break;
      lines.push([first - line, text.slice(first, lineEnd)]);
      contentLines = lines.length;
      contentEnd = lineEnd;
      line = this.#nextLine(lineEnd);
      afterContent = line;
    }
    const content = lines.slice(0, contentLines);
    const firstContent = content.findIndex(([, rest]) => rest !== '');
    const trimIndent = content[firstContent]?.[0] ?? 0;
    // Cases the resolver treats specially or as errors: more-indented blank lines before or after the content, less-indented content.
    const unusual = ([indent, rest]: BlockLine, index: number): boolean => (rest === '' ? indent > trimIndent && (index >= contentLines || index < firstContent) : indent < trimIndent);
    if (lines.some(unusual)) giveUp();
    this.#pos = afterContent;
    this.#start = at;
    this.#end = contentEnd;
    return contentLines === 0 ? '' : blockScalarValue(folded, strip, content, trimIndent);
  }

  /** A flow collection on one line: `[]`, `{}`, `[a, "b"]`, `{a: 1}`, nested. */
  #flow(at: number): JsonValue {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) giveUp();
    const value = this.#text.charCodeAt(at) === OPEN_BRACKET ? this.#flowSequence(at) : this.#flowMapping(at);
    this.#depth -= 1;
    return value;
  }

  #flowSequence(open: number): JsonValue[] {
    const items: JsonValue[] = [];
    const offsets: number[] = [];
    let at = this.#skipSpaces(open + 1);
    if (this.#text.charCodeAt(at) !== CLOSE_BRACKET) {
      for (;;) {
        items.push(this.#flowItem(at));
        offsets.push(this.#start, this.#end);
        at = this.#skipSpaces(this.#end);
        const code = this.#text.charCodeAt(at);
        if (code === CLOSE_BRACKET) break;
        if (code !== COMMA) giveUp();
        at = this.#skipSpaces(at + 1);
        if (this.#text.charCodeAt(at) === CLOSE_BRACKET) giveUp();
      }
    }
    this.#containers.set(items, { keys: undefined, offsets });
    this.#start = open;
    this.#end = at + 1;
    return items;
  }

  #flowMapping(open: number): JsonObject {
    const text = this.#text;
    const object: Record<string, JsonValue> = {};
    const keys: string[] = [];
    const offsets: number[] = [];
    let at = this.#skipSpaces(open + 1);
    if (text.charCodeAt(at) !== CLOSE_BRACE) {
      for (;;) {
        const keyStart = at;
        const key = this.#flowKey(at);
        const keyEnd = this.#end;
        if (Object.hasOwn(object, key) || key === '__proto__') giveUp();
        const valueAt = this.#skipSpaces(this.#skipSpaces(keyEnd) + 1);
        object[key] = this.#flowItem(valueAt);
        keys.push(key);
        offsets.push(this.#start, this.#end, keyStart, keyEnd);
        at = this.#skipSpaces(this.#end);
        const code = text.charCodeAt(at);
        if (code === CLOSE_BRACE) break;
        if (code !== COMMA) giveUp();
        at = this.#skipSpaces(at + 1);
        if (text.charCodeAt(at) === CLOSE_BRACE) giveUp();
      }
    }
    this.#containers.set(object, { keys, offsets });
    this.#start = open;
    this.#end = at + 1;
    return object;
  }

  /** A flow mapping's key, followed by `:` (then a space, unless the key is quoted). Sets `#end` to the key's end. */
  #flowKey(at: number): string {
    const text = this.#text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = this.#quoted(at, -1);
      if (typeof value !== 'string' || text.charCodeAt(this.#skipSpaces(this.#end)) !== COLON) giveUp();
      return value;
    }
    const value = this.#flowPlain(at);
    const colon = this.#skipSpaces(this.#end);
    if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) giveUp();
    return keyString(value);
  }

  #flowItem(at: number): JsonValue {
    const code = this.#text.charCodeAt(at);
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.#flow(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) return this.#quoted(at, -1);
    const value = this.#flowPlain(at);
    if (this.#text.charCodeAt(this.#skipSpaces(this.#end)) === COLON) giveUp();
    return value;
  }

  /** A plain scalar inside a flow collection: up to `,`, a bracket, `: ` or the end of the line. */
  #flowPlain(at: number): JsonValue {
    const text = this.#text;
    const first = text.charCodeAt(at);
    if (INDICATORS.has(first) || (first === DASH && this.#blankAt(at + 1)) || this.#endsLine(at)) giveUp();
    let end = at;
    for (;;) {
      const code = text.charCodeAt(end);
      if (end >= this.#length || code === NEWLINE || code === COMMA || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE) break;
      if (code === COLON && (text.charCodeAt(end + 1) === SPACE || isFlowEnd(text.charCodeAt(end + 1)))) break;
      if (code === HASH && text.charCodeAt(end - 1) === SPACE) giveUp();
      end += 1;
    }
    const code = text.charCodeAt(end);
    if (end >= this.#length || code === NEWLINE || code === OPEN_BRACKET || code === OPEN_BRACE) giveUp();
    end = this.#trimSpaces(at, end);
    this.#start = at;
    this.#end = end;
    return this.#plainValue(text.slice(at, end));
  }

  /**
   * When the line at `at` is `key: …` (or `key:` at the end of the line), the offset of its colon,
   * with `#key` and `#keyEnd` set; otherwise -1. Keys are plain or quoted, on one line.
   */
  #keyColon(at: number): number {
    const text = this.#text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = this.#quoted(at, 0);
      if (this.#lineEnd(at) < this.#end) return -1;
      const colon = this.#skipSpaces(this.#end);
      if (text.charCodeAt(colon) !== COLON || !this.#blankAt(colon + 1) || typeof value !== 'string') return -1;
      if (value.length > MAX_KEY_LENGTH) giveUp();
      this.#key = value;
      this.#keyEnd = this.#end;
      return colon;
    }
    if (INDICATORS.has(code) || (code === DASH && this.#blankAt(at + 1))) return -1;
    const lineEnd = this.#lineEnd(at);
    let colon = at;
    while (colon < lineEnd && !(text.charCodeAt(colon) === COLON && this.#blankAt(colon + 1))) colon += 1;
    if (colon >= lineEnd) return -1;
    if (this.#commentIn(at, colon) !== -1) return -1;
    const keyEnd = this.#trimSpaces(at, colon);
    if (keyEnd - at > MAX_KEY_LENGTH) giveUp();
    const source = text.slice(at, keyEnd);
    if (source === '<<') giveUp();
    this.#key = keyString(this.#plainValue(source));
    this.#keyEnd = keyEnd;
    return colon;
  }

  /** The offset of ` #` (a comment) between `start` and `end`, or -1. */
  #commentIn(start: number, end: number): number {
    const text = this.#text;
    for (let at = start + 1; at < end; at += 1) {
      if (text.charCodeAt(at) === HASH && text.charCodeAt(at - 1) === SPACE) return at - 1;
    }
    return -1;
  }

  #blankAt(at: number): boolean {
    if (at >= this.#length) return true;
    const code = this.#text.charCodeAt(at);
    return code === SPACE || code === NEWLINE;
  }

  /** True at the end of a line, of the text, or at a comment. */
  #endsLine(at: number): boolean {
    if (at >= this.#length) return true;
    const code = this.#text.charCodeAt(at);
    return code === NEWLINE || code === HASH;
  }

  #lineEnd(at: number): number {
    const end = this.#text.indexOf('\n', at);
    return end === -1 ? this.#length : end;
  }

  #nextLine(at: number): number {
    const end = this.#text.indexOf('\n', at);
    return end === -1 ? this.#length : end + 1;
  }

  #skipSpaces(at: number): number {
    let next = at;
    while (this.#text.charCodeAt(next) === SPACE) next += 1;
    return next;
  }

  #trimSpaces(start: number, end: number): number {
    let trimmed = end;
    while (trimmed > start && this.#text.charCodeAt(trimmed - 1) === SPACE) trimmed -= 1;
    return trimmed;
  }

  /** A node's end without the whitespace before it (the `yaml` library's span of a collection ends at its last value). */
  #trim(start: number, end: number): number {
    let trimmed = end;
    while (trimmed > start && isWhitespace(this.#text.charCodeAt(trimmed - 1))) trimmed -= 1;
    return trimmed;
  }
}

/** Folds the lines of a multi-line single-quoted scalar (without its quotes): a line break is a space, n empty lines are n newlines. */
function foldQuoted(inner: string): string {
  const lines = inner.split('\n');
  let folded = (lines[0] ?? '').replace(/ +$/, '');
  let empty = 0;
  for (let index = 1; index < lines.length; index += 1) {
    const last = index === lines.length - 1;
    const line = (lines[index] ?? '').replace(/^ +/, '');
    const content = last ? line : line.replace(/ +$/, '');
    if (content === '' && !last) {
      empty += 1;
      continue;
    }
    folded += (empty === 0 ? ' ' : '\n'.repeat(empty)) + content;
    empty = 0;
  }
  return folded;
}

/** The object key a scalar decodes to, as the `yaml` library's plain-object conversion writes it. */
function keyString(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'object') giveUp();
  return String(value);
}

function isFlowEnd(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACKET || code === CLOSE_BRACE;
}

function isWhitespace(code: number): boolean {
  return code === SPACE || code === NEWLINE;
}
