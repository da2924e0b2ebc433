import type { SourceRange } from '../../core/index.ts';
import type { RangeMapper } from './collect.ts';
import type { ShellWord } from './model.ts';

/** `[start, end)` of the text inside a `$( … )`, parsed after the command holding it. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * One shell word as the common-subset parser reads it, and the model's `ShellWord` for it (the same
 * value, raw and static as words.ts gives). Its range in the Dockerfile is mapped from its offsets only
 * when read, then kept: a corpus scan reads some 45,000 words and the range of a few hundred, those a
 * finding points at (docs/decisions/0040-d-shell-words-mapped-when-read.md). An accessor, so `deepEqual`
 * does not compare it: compare models by reading `range` (test/corpus/dockerfile-shell.corpus.ts).
 * TypeScript's `private`, not `#private`, as the parser's classes (0039-j-cold-code-shapes.md).
 */
export class ScannedWord implements ShellWord {
  readonly raw: string;
  /** After quote removal when `static`; the raw text otherwise. */
  readonly value: string;
  readonly static: boolean;
  readonly start: number;
  readonly end: number;
  readonly substitutions: readonly Span[];
  private readonly map: RangeMapper;
  private mapped: SourceRange | undefined = undefined;

  constructor(raw: string, value: string, isStatic: boolean, start: number, end: number, substitutions: readonly Span[], map: RangeMapper) {
    this.raw = raw;
    this.value = value;
    this.static = isStatic;
    this.start = start;
    this.end = end;
    this.substitutions = substitutions;
    this.map = map;
  }

  get range(): SourceRange {
    this.mapped ??= this.map(this.start, this.end);
    return this.mapped;
  }
}

/** Thrown when the text leaves the common subset; the caller falls back to tree-sitter. */
export class Bail extends Error {
  constructor() {
    super('outside the common shell subset');
  }
}

const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const SINGLE = 39;
const DOUBLE = 34;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
/** Characters that end an unquoted word: blanks and the operators `; & | < > ( )`. */
const WORD_END = new Set([SPACE, TAB, NEWLINE, 59, 38, 124, 60, 62, 40, 41]);
/** Characters the subset does not take in an unquoted word (tests, globs with classes, back-quotes, `#`). */
const REFUSED = new Set([91, 93, 96, 35]);
/**
 * What each ASCII character is to an unquoted word, for the loops over its characters (a table read
 * instead of two `Set` look-ups per character): `PLAIN` continues it, `STOP` ends the word (`WORD_END`),
 * `PART` starts another part (a quote or `$`), `REFUSE` leaves the subset (`REFUSED`, control
 * characters), `BRACE` and `ESCAPE` as named. Other characters (code 128 and above) are plain.
 */
const PLAIN = 0;
const STOP = 1;
const REFUSE = 2;
const BRACE = 3;
const ESCAPE = 4;
const PART = 5;
const BARE_CLASS = buildBareClasses();

function buildBareClasses(): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code < SPACE; code += 1) table[code] = REFUSE;
  for (const code of WORD_END) table[code] = STOP;
  for (const code of [SINGLE, DOUBLE, DOLLAR]) table[code] = PART;
  for (const code of REFUSED) table[code] = REFUSE;
  table[OPEN_BRACE] = BRACE;
  table[CLOSE_BRACE] = BRACE;
  table[BACKSLASH] = ESCAPE;
  return table;
}
const NAME_START = /[A-Za-z_]/;
const SPECIAL_PARAMETER = /[0-9@?$#!*-]/;
const NAME_CHARS = /[A-Za-z0-9_]*/y;
const EXPANSION_BODY = /^#?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?:(?::?[-+=?]|##?|%%?|\/\/?)[^!$`'"\\{}()\s]*)?$/;
/**
 * Outside quotes, `${name:+"…"}` (an operator and one double-quoted word of plain text and `$name`s, as
 * the tomcat images write for optional mirrors): tree-sitter reads it as one expansion, like the plain
 * form, and the quotes inside do not end it.
 */
const QUOTED_EXPANSION = /\$\{[A-Za-z_][A-Za-z0-9_]*:?[-+=?]"(?:[^!"$`\\{}()]|\$[A-Za-z_][A-Za-z0-9_]*)*"\}/y;
/** `"$( "$( … )" )"` nested deeper than this leaves the subset (the scan below recurses). */
const MAX_QUOTE_NESTING = 32;

export function skipBlanks(text: string, from: number, end: number): number {
  let pos = from;
  while (pos < end) {
    const code = text.charCodeAt(pos);
    if (code !== SPACE && code !== TAB) break;
    pos += 1;
  }
  return pos;
}

interface WordState {
  pos: number;
  value: string;
  static: boolean;
  /** The `$( … )` bodies met so far; undefined until the first (most words have none). */
  substitutions: Span[] | undefined;
  /** Whether the word so far is one unquoted part without escapes, so its value is its raw text. */
  plain: boolean;
  /** Parts read so far (`a'b'$c` has three). */
  parts: number;
  /**
   * Set after a `$name` that is the third part or later: tree-sitter-bash ends the word there when
   * another part follows (`$a/$b/x` is two words for it), so such words leave the subset.
   */
  endsHere: boolean;
  /** An unquoted `{` or `}`: brace expansion, or a group's end that tree-sitter glues to the next word. */
  braces: boolean;
  /** With `endsHere`: the offset after the `$` of that `$name`, where tree-sitter ends the word (-1: leave the subset). */
  splitAt: number;
  /** Whether the parts before that `$name` are all static (the `$` left at the end of the word is dropped from the value). */
  staticBeforeSplit: boolean;
}

/** After `$a/$b`, these start the part that tree-sitter-bash reads as a new word beginning with `b`. */
const SPLITS = new Set([47, 46, 45]);
const BACKQUOTE = 96;
const WHITESPACE = new Set([SPACE, TAB, NEWLINE]);

/** The words of a script have no `$( … )` in them but for a few: they share this empty list. */
const NO_SPANS: readonly Span[] = Object.freeze([]);

/**
 * The state of the word being read. One object, reset for each word: `readWord` never runs inside
 * itself (a `$( … )` body is only delimited here, and parsed after the word).
 */
const state: WordState = { pos: 0, value: '', static: true, substitutions: undefined, plain: false, parts: 0, endsHere: false, braces: false, splitAt: -1, staticBeforeSplit: true };

/** Reads the word starting at `start` (not at a blank or operator), ranges mapped by `map`; throws Bail outside the subset. */
export function readWord(text: string, start: number, end: number, map: RangeMapper): ScannedWord {
  if (text.charCodeAt(start) === BACKQUOTE) return backquoted(text, start, end, map);
  state.pos = start;
  state.value = '';
  state.static = true;
  state.substitutions = undefined;
  state.plain = false;
  state.parts = 0;
  state.endsHere = false;
  state.braces = false;
  state.splitAt = -1;
  state.staticBeforeSplit = true;
  while (state.pos < end) {
    const code = text.charCodeAt(state.pos);
    const kind = code < 128 ? (BARE_CLASS[code] ?? PLAIN) : PLAIN;
    if (kind === STOP) break;
    if (state.endsHere) {
      // `$a/$b/c` is two words for tree-sitter-bash: `$a/$` and `b/c`.
      if (!SPLITS.has(code) || state.splitAt === -1 || /^[A-Za-z_][A-Za-z0-9_]*=[$"']/.test(text.slice(start, state.splitAt))) throw new Bail();
      state.pos = state.splitAt;
      state.static = state.staticBeforeSplit;
      break;
    }
    if (kind === REFUSE) throw new Bail();
    state.plain = false;
    if (code === SINGLE) readSingle(text, state, end);
    else if (code === DOUBLE) readDouble(text, state, end);
    else if (code === DOLLAR) readDollar(text, state, end);
    else readBare(text, state, end);
    state.parts += 1;
  }
  if (state.pos === start) throw new Bail();
  // One unquoted part without escapes (most words): its value is the raw text, no second copy.
  const raw = state.plain && state.parts === 1 ? state.value : text.slice(start, state.pos);
  if ((state.braces && raw !== '{}') || raw.startsWith('==') || raw.startsWith('=~')) throw new Bail();
  return new ScannedWord(raw, state.static ? state.value : raw, state.static, start, state.pos, state.substitutions ?? NO_SPANS, map);
}

function readSingle(text: string, state: WordState, end: number): void {
  const close = text.indexOf("'", state.pos + 1);
  if (close === -1 || close >= end) throw new Bail();
  state.value += text.slice(state.pos + 1, close);
  state.pos = close + 1;
}

function readBare(text: string, state: WordState, end: number): void {
  const from = state.pos;
  // tree-sitter starts a new word at an escape right after a quoted part or expansion (`'a'\b`).
  if (state.parts > 0 && text.charCodeAt(from) === BACKSLASH) throw new Bail();
  let pos = from;
  let escaped = false;
  while (pos < end) {
    const code = text.charCodeAt(pos);
    const kind = code < 128 ? (BARE_CLASS[code] ?? PLAIN) : PLAIN;
    if (kind === PLAIN) {
      pos += 1;
      continue;
    }
    if (kind === STOP || kind === PART) break;
    if (kind === REFUSE) throw new Bail();
    if (kind === ESCAPE) {
      const next = text.charCodeAt(pos + 1);
      if (pos + 1 >= end || next <= SPACE) throw new Bail();
      if (next === OPEN_BRACE || next === CLOSE_BRACE) state.braces = true;
      escaped = true;
      pos += 2;
      continue;
    }
    state.braces = true;
    pos += 1;
  }
  const part = text.slice(from, pos);
  state.value += escaped ? part.replace(/\\(.)/gs, '$1') : part;
  state.plain = !escaped;
  state.pos = pos;
}

function readDouble(text: string, state: WordState, end: number): void {
  const from = state.pos;
  let pos = from + 1;
  let dynamic = false;
  for (;;) {
    if (pos >= end) throw new Bail();
    const code = text.charCodeAt(pos);
    if (code === DOUBLE) break;
    if (code === 96) throw new Bail();
    if (code === BACKSLASH) {
      pos += 2;
      continue;
    }
    if (code === DOLLAR) {
      pos = dollarInQuotes(text, pos, end, state);
      dynamic = true;
      continue;
    }
    pos += 1;
  }
  if (dynamic) state.static = false;
  else state.value += text.slice(from + 1, pos).replace(/\\([\\"$`\n])/g, '$1');
  state.pos = pos + 1;
}

/** A `$…` inside double quotes: returns the offset after it. */
function dollarInQuotes(text: string, pos: number, end: number, state: WordState): number {
  const next = text.charAt(pos + 1);
  if (next === '(') return substitution(text, pos, end, state);
  if (next === '{') return expansion(text, pos, end);
  return parameter(text, pos);
}

function readDollar(text: string, state: WordState, end: number): void {
  const pos = state.pos;
  const next = text.charAt(pos + 1);
  if (next === "'") {
    const close = ansiCEnd(text, pos, end);
    state.value += text.slice(pos + 2, close - 1);
    state.pos = close;
    return;
  }
  state.staticBeforeSplit = state.static;
  state.static = false;
  if (next === '(') state.pos = substitution(text, pos, end, state);
  else if (next === '{') state.pos = expansion(text, pos, end, true);
  else {
    // tree-sitter-bash reads `$a/$1` as `$a/$` and `1`, even at the end of the word.
    if (state.parts >= 2 && /[0-9]/.test(next)) throw new Bail();
    state.pos = parameter(text, pos);
    state.endsHere = state.parts >= 2;
    state.splitAt = NAME_START.test(next) ? pos + 1 : -1;
  }
}

/** Back-quotes in pairs and no `#` anywhere: tree-sitter-bash pairs them up differently otherwise (a stray one in a comment). */
export function backquotesPlain(text: string): boolean {
  return !text.includes('#') && text.split('`').length % 2 === 1;
}

/**
 * A word that is one back-quoted command substitution (`` `arch` ``): its body is parsed like a
 * `$( … )`. Back-quotes glued to other parts, holding escapes, or followed by another back-quoted word
 * (tree-sitter-bash merges `` `a` `b` `` oddly, across lines too) leave the subset.
 */
function backquoted(text: string, start: number, end: number, map: RangeMapper): ScannedWord {
  const close = text.indexOf('`', start + 1);
  if (close === -1 || close >= end || close === start + 1) throw new Bail();
  const body = text.slice(start + 1, close);
  if (body.includes('\\') || body.includes('<<')) throw new Bail();
  const after = close + 1;
  if (after < end && !WORD_END.has(text.charCodeAt(after))) throw new Bail();
  let next = after;
  while (next < end && WHITESPACE.has(text.charCodeAt(next))) next += 1;
  if (text.charCodeAt(next) === BACKQUOTE) throw new Bail();
  const raw = text.slice(start, after);
  return new ScannedWord(raw, raw, false, start, after, [{ start: start + 1, end: close }], map);
}

/** The offset after `$'…'` (its body is kept as written, escapes included, as tree-sitter does). */
function ansiCEnd(text: string, pos: number, end: number): number {
  let at = pos + 2;
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code === SINGLE) return at + 1;
    at += code === BACKSLASH ? 2 : 1;
  }
  throw new Bail();
}

/** `$name` or a special parameter (`$1`, `$@`, `$?`, …). */
function parameter(text: string, pos: number): number {
  const next = text.charAt(pos + 1);
  if (SPECIAL_PARAMETER.test(next)) return pos + 2;
  if (!NAME_START.test(next)) throw new Bail();
  NAME_CHARS.lastIndex = pos + 2;
  NAME_CHARS.exec(text);
  return NAME_CHARS.lastIndex;
}

/** `${NAME}`, `${NAME:-default}`, `${#NAME}`, … with a plain body; anything richer leaves the subset. */
function expansion(text: string, pos: number, end: number, unquoted = false): number {
  const close = text.indexOf('}', pos + 2);
  if (close !== -1 && close < end && EXPANSION_BODY.test(text.slice(pos + 2, close))) return close + 1;
  if (!unquoted) throw new Bail();
  QUOTED_EXPANSION.lastIndex = pos;
  if (!QUOTED_EXPANSION.test(text) || QUOTED_EXPANSION.lastIndex > end) throw new Bail();
  return QUOTED_EXPANSION.lastIndex;
}

/** `$( … )`: records the span inside for the parser and returns the offset after `)`. */
function substitution(text: string, pos: number, end: number, state: WordState): number {
  if (text.charAt(pos + 2) === '(') throw new Bail();
  const close = closingParen(text, pos + 2, end);
  if (close === pos + 2) throw new Bail();
  (state.substitutions ??= []).push({ start: pos + 2, end: close });
  return close + 1;
}

/**
 * The `)` closing a `$(` whose body starts at `from`. Only finds the end: the body is parsed later,
 * and a `case` pattern's `)` (which would fool this count) leaves the subset there.
 */
function closingParen(text: string, from: number, end: number, level = 0): number {
  if (level > MAX_QUOTE_NESTING) throw new Bail();
  let depth = 1;
  let pos = from;
  while (pos < end) {
    const code = text.charCodeAt(pos);
    if (code === BACKSLASH) pos += 2;
    else if (code === SINGLE) pos = skipQuoted(text, pos, end, "'");
    else if (code === DOUBLE) pos = skipDouble(text, pos, end, level);
    else if (code === 96 || (code === 35 && WORD_END.has(text.charCodeAt(pos - 1)))) throw new Bail();
    else {
      if (code === 40) depth += 1;
      if (code === 41) depth -= 1;
      if (depth === 0) return pos;
      pos += 1;
    }
  }
  throw new Bail();
}

function skipQuoted(text: string, pos: number, end: number, quote: string): number {
  const close = text.indexOf(quote, pos + 1);
  if (close === -1 || close >= end) throw new Bail();
  return close + 1;
}

function skipDouble(text: string, pos: number, end: number, level: number): number {
  let at = pos + 1;
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code === DOUBLE) return at + 1;
    if (code === 96) throw new Bail();
    if (code === DOLLAR && text.charAt(at + 1) === '(') at = closingParen(text, at + 2, end, level + 1) + 1;
    else at += code === BACKSLASH ? 2 : 1;
  }
  throw new Bail();
}
