import type { JsonValue } from './json.ts';
import { UNSURE, doubleQuotedValue, multilineDoubleQuotedValue, plainValue } from './fast-scalars.ts';
import { OffsetStore } from './fast-offsets.ts';

export const GIVE_UP = Symbol('give up');
export const MAX_DEPTH = 100;
const MAX_KEY_LENGTH = 1000;

export const SPACE = 32;
export const NEWLINE = 10;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;
export const DOUBLE_QUOTE = 34;
export const SINGLE_QUOTE = 39;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const COMMA = 44;
export const PIPE = 124;
export const GREATER = 62;
export const DOT = 46;

/** `? : , [ ] { } # & * ! | > ' " % @ \``: a plain scalar never starts with these here. */
const INDICATORS = new Uint8Array(128);
for (const code of [63, 58, 44, 91, 93, 123, 125, 35, 38, 42, 33, 124, 62, 39, 34, 37, 64, 96]) INDICATORS[code] = 1;

/** Whether a character code is one of the indicators (a table look-up: this runs for every key and value). */
export function isIndicator(code: number): boolean {
  return INDICATORS[code] === 1;
}

export function giveUp(): never {
  throw GIVE_UP;
}

/**
 * The fast loader's position in the text and what every part of it shares: lines, markers,
 * comments, keys and quoted scalars. Gives up (throws GIVE_UP) on anything it is not sure of.
 */
export class FastCursor {
  protected readonly text: string;
  protected readonly length: number;
  /** Entry offsets of every mapping and sequence read; `container` is the address of the last one completed. */
  protected readonly store = new OffsetStore();
  protected container = -1;
  /** Start of the next line not read yet. */
  protected pos = 0;
  /** Start of the line the last `peekLine` found. */
  protected lineStart = 0;
  /** Span of the node parsed last: its start and the end of its last descendant (before trimming). */
  protected start = 0;
  protected end = 0;
  protected depth = 0;
  /** Set by `keyColon`: the key's decoded text and the end of its source. */
  protected key = '';
  protected keyEnd = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  /**
   * The last line `peekLine` found (or a scalar reader saw while looking for more of its lines): from
   * `peekFrom` or from `peekStart` (the line's start), its first character is at `peekAt`. A line that
   * ends a nested collection is peeked again by each parent; its indentation is walked once.
   */
  protected peekFrom = -1;
  protected peekStart = -1;
  protected peekAt = -1;

  /** Skips blank and comment lines; the offset of the next line's first character (-1 at the end). */
  protected peekLine(): number {
    const from = this.pos;
    if (from === this.peekFrom || from === this.peekStart) {
      this.pos = this.peekStart;
      this.lineStart = this.peekStart;
      return this.peekAt;
    }
    const text = this.text;
    let line = from;
    while (line < this.length) {
      let at = line;
      while (text.charCodeAt(at) === SPACE) at += 1;
      if (at >= this.length) break;
      const code = text.charCodeAt(at);
      if (code === NEWLINE) {
        line = at + 1;
        continue;
      }
      if (code === HASH) {
        line = this.nextLine(at);
        continue;
      }
      this.pos = line;
      this.lineStart = line;
      this.seen(from, line, at);
      return at;
    }
    this.pos = this.length;
    return -1;
  }

  /** Records that `peekLine` from `from` finds the line at `line`, whose first character is at `at` (neither blank nor a comment). */
  protected seen(from: number, line: number, at: number): void {
    this.peekFrom = from;
    this.peekStart = line;
    this.peekAt = at;
  }

  /** `---` (DASH) or `...` (DOT) at the start of a line, else 0; directives are left to the full parser. */
  protected marker(at: number): number {
    if (at !== this.lineStart) return 0;
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === 37) giveUp();
    if ((code === DASH || code === DOT) && text.charCodeAt(at + 1) === code && text.charCodeAt(at + 2) === code && this.blankAt(at + 3)) return code;
    return 0;
  }

  protected isMarker(at: number): boolean {
    return this.marker(at) !== 0;
  }

  /** The line after a `---` or `...` marker, which may only carry a comment. */
  protected afterMarker(at: number): number {
    let next = at + 3;
    while (this.text.charCodeAt(next) === SPACE) next += 1;
    if (next < this.length && this.text.charCodeAt(next) !== NEWLINE) giveUp();
    return this.nextLine(next);
  }

  protected plainValue(text: string): JsonValue {
    const value = plainValue(text);
    if (value === UNSURE) giveUp();
    return value;
  }

  /**
   * A single- or double-quoted scalar. In block context (`parentIndent` ≥ 0) it may span lines, each
   * more indented than its parent; in a flow collection or a key (`parentIndent` -1) it must not.
   */
  protected quoted(at: number, parentIndent: number): JsonValue {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let close = at + 1;
    let multiline = false;
    for (;;) {
      const code = text.charCodeAt(close);
      if (close >= this.length) giveUp();
      if (code === NEWLINE) {
        if (parentIndent < 0) giveUp();
        multiline = true;
        close = this.continueQuoted(close + 1, parentIndent);
      } else if (quote === DOUBLE_QUOTE && code === 92) close += 2;
      else if (code === quote && quote === SINGLE_QUOTE && text.charCodeAt(close + 1) === SINGLE_QUOTE) close += 2;
      else if (code === quote) break;
      else close += 1;
    }
    this.start = at;
    this.end = close + 1;
    const source = text.slice(at, close + 1);
    if (quote === SINGLE_QUOTE) return (multiline ? foldQuoted(source.slice(1, -1)) : source.slice(1, -1)).replaceAll("''", "'");
    const value = multiline ? multilineDoubleQuotedValue(source) : doubleQuotedValue(source);
    if (value === UNSURE) giveUp();
    return value;
  }

  /** The first non-space character of a quoted scalar's next line, which must be more indented than the parent (blank lines aside). */
  protected continueQuoted(line: number, parentIndent: number): number {
    let at = line;
    while (this.text.charCodeAt(at) === SPACE) at += 1;
    if (at < this.length && this.text.charCodeAt(at) !== NEWLINE && at - line <= parentIndent) giveUp();
    return at;
  }

  /** The offset `keyColon` looked at last, and its answer. */
  protected keyAt = -1;
  protected keyColonAt = -1;

  /**
   * When the line at `at` is `key: …` (or `key:` at the end of the line), the offset of its colon,
   * with `key` and `keyEnd` set; otherwise -1. Keys are plain or quoted, on one line. A collection's
   * first line is looked at twice (is it a mapping? then its first key): the second time is answered
   * from the first.
   */
  protected keyColon(at: number): number {
    if (at !== this.keyAt) {
      this.keyColonAt = this.readKey(at);
      this.keyAt = at;
    }
    return this.keyColonAt;
  }

  protected readKey(at: number): number {
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const value = this.quoted(at, 0);
      if (this.lineEnd(at) < this.end) return -1;
      const colon = this.skipSpaces(this.end);
      if (text.charCodeAt(colon) !== COLON || !this.blankAt(colon + 1) || typeof value !== 'string') return -1;
      if (value.length > MAX_KEY_LENGTH) giveUp();
      this.key = value;
      this.keyEnd = this.end;
      return colon;
    }
    if (isIndicator(code) || (code === DASH && this.blankAt(at + 1))) return -1;
    const lineEnd = this.lineEnd(at);
    let colon = at;
    let hash = 0;
    for (; colon < lineEnd; colon += 1) {
      const next = text.charCodeAt(colon);
      if (next === COLON && this.blankAt(colon + 1)) break;
      hash = (hash * 31 + next) | 0;
    }
    if (colon >= lineEnd) return -1;
    const keyEnd = this.trimSpaces(at, colon);
    const slot = (hash ^ (hash >>> 13)) & KEY_SLOT_MASK;
    const known = knownKeys[slot] ?? '';
    if (known.length === keyEnd - at && text.startsWith(known, at)) {
      this.key = known;
      this.keyEnd = keyEnd;
      return colon;
    }
    const source = text.slice(at, keyEnd);
    // A comment (` #`) before the colon can only be in the key's text: only spaces follow it.
    if (source.includes('#') && this.commentIn(at, colon) !== -1) return -1;
    if (keyEnd - at > MAX_KEY_LENGTH) giveUp();
    if (source === '<<') giveUp();
    const key = keyString(this.plainValue(source));
    this.key = key === source && source.length <= MAX_REMEMBERED_KEY ? remember(slot, key) : key;
    this.keyEnd = keyEnd;
    return colon;
  }

  /** The offset of ` #` (a comment) between `start` and `end`, or -1. */
  protected commentIn(start: number, end: number): number {
    const text = this.text;
    for (let at = start + 1; at < end; at += 1) {
      if (text.charCodeAt(at) === HASH && text.charCodeAt(at - 1) === SPACE) return at - 1;
    }
    return -1;
  }

  protected blankAt(at: number): boolean {
    if (at >= this.length) return true;
    const code = this.text.charCodeAt(at);
    return code === SPACE || code === NEWLINE;
  }

  /** True at the end of a line, of the text, or at a comment. */
  protected endsLine(at: number): boolean {
    if (at >= this.length) return true;
    const code = this.text.charCodeAt(at);
    return code === NEWLINE || code === HASH;
  }

  /**
   * The end of the line last searched, and where that search started: a line is asked for its end
   * several times (for its key, its value, the line after it), and every offset from that start to
   * that end has the same answer.
   */
  protected foundFrom = 0;
  protected foundEnd = -1;

  /** The offset of the newline that ends the line holding `at` (or the text's length). */
  protected lineEnd(at: number): number {
    if (at >= this.foundFrom && at <= this.foundEnd) return this.foundEnd;
    const found = this.text.indexOf('\n', at);
    const end = found === -1 ? this.length : found;
    this.foundFrom = at;
    this.foundEnd = end;
    return end;
  }

  protected nextLine(at: number): number {
    const end = this.lineEnd(at);
    return end === this.length ? end : end + 1;
  }

  protected skipSpaces(at: number): number {
    let next = at;
    while (this.text.charCodeAt(next) === SPACE) next += 1;
    return next;
  }

  protected trimSpaces(start: number, end: number): number {
    let trimmed = end;
    while (trimmed > start && this.text.charCodeAt(trimmed - 1) === SPACE) trimmed -= 1;
    return trimmed;
  }

  /** The address of a value's entries: the container completed last when the value is a collection, else -1. */
  protected containerOf(value: JsonValue): number {
    return typeof value === 'object' && value !== null ? this.container : -1;
  }

  /** A node's end without the whitespace before it (the `yaml` library's span of a collection ends at its last value). */
  protected trim(start: number, end: number): number {
    let trimmed = end;
    while (trimmed > start && isWhitespace(this.text.charCodeAt(trimmed - 1))) trimmed -= 1;
    return trimmed;
  }
}

/**
 * Plain keys met before, by a hash of their source text (the same keys come back in every manifest):
 * a key found here is not sliced again, and as V8 already holds it internalised, storing it in the
 * decoded object needs no hash and no string-table look-up. Only keys that are their own source text
 * (not `1.0` or `yes`) are kept; a slot holds the last key hashed to it. A newline never appears in a
 * key: the empty slots match nothing.
 */
const KEY_SLOT_MASK = 16383;
/** Longer keys are rare: not kept (at most 16,384 × 100 characters of keys stay in memory). */
const MAX_REMEMBERED_KEY = 100;
const knownKeys: string[] = new Array<string>(KEY_SLOT_MASK + 1).fill('\n');

/** Keeps `key` in its slot as V8's internalised copy (a property name's): the slice of the file's text is not kept. */
function remember(slot: number, key: string): string {
  const internalised = Object.keys({ [key]: 0 })[0] ?? key;
  knownKeys[slot] = internalised;
  return internalised;
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
export function keyString(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'object') giveUp();
  return String(value);
}

function isWhitespace(code: number): boolean {
  return code === SPACE || code === NEWLINE;
}
