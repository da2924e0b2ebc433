import type { ShellJoin } from './model.ts';
import type { ScannedWord } from './common-words.ts';
import { Bail, skipBlanks } from './common-words.ts';

/**
 * Compound commands for the common-subset parser (common-parse.ts): `if`, `while`/`until`, `for`,
 * `case`, `{ …; }`, `[ … ]`, `! …` and `name() { … }`, read as tree-sitter-bash reads them (their
 * commands at the depth they are written; reserved words set no join, a `|` between case patterns
 * does). They drive the parser through this interface.
 */
export interface CompoundHost {
  readonly text: string;
  pos: number;
  /** Statements up to one of `stops` (returned, not consumed); `required` lists must hold one. */
  parseList(stops: ReadonlySet<string>, end: number, required: boolean): string;
  reservedAt(pos: number, end: number): string | undefined;
  word(end: number): ScannedWord | undefined;
  nested(words: readonly ScannedWord[]): void;
  setJoin(join: ShellJoin, length: number): void;
  skipBlankLines(from: number, end: number): number;
  skipComment(end: number): void;
  parseStatement(end: number): void;
  readRedirects(end: number, into: ScannedWord[]): void;
  endOfCommand(end: number): void;
  /** A simple command named by the one-character word at `pos` (`{` after `!`, see `negated`). */
  parseBraceCommand(end: number): void;
}

/** Reserved words that make a statement something the subset does not take (or that only close one). */
export const NOT_COMMANDS: ReadonlySet<string> = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', 'in', 'function', 'select', 'coproc', '}', '[[', ']]', '((']);
/** Words that open or continue a compound command (a `!` takes none of them but `[`). */
export const KEYWORDS: ReadonlySet<string> = new Set([...NOT_COMMANDS, 'if', 'while', 'until', 'for', 'case', '{', '!']);
/** tree-sitter reads these as `declaration_command` (no command; their `NAME=value` are assignments). */
export const DECLARATIONS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
export const UNSETS: ReadonlySet<string> = new Set(['unset', 'unsetenv']);
export const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** `export${X}`, `if"x"`: tree-sitter still reads the reserved word at the start as the keyword. */
export function gluedToKeyword(raw: string): boolean {
  let length = 0;
  while (length < raw.length && isLowerLetter(raw.charCodeAt(length))) length += 1;
  if (length === 0 || length === raw.length || isNameChar(raw.charCodeAt(length))) return false;
  const lead = raw.slice(0, length);
  return KEYWORDS.has(lead) || DECLARATIONS.has(lead) || UNSETS.has(lead);
}

function isLowerLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** `[A-Za-z0-9_]`. */
function isNameChar(code: number): boolean {
  return isLowerLetter(code) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

const THEN = new Set(['then']);
const IF_BODY = new Set(['elif', 'else', 'fi']);
const FI = new Set(['fi']);
const DO = new Set(['do']);
const DONE = new Set(['done']);
const GROUP_END = new Set(['}']);
const CASE_ITEM_END = new Set([';;', 'esac']);
const SEMICOLON = 59;
const PIPE = 124;
const OPEN = 40;
const CLOSE = 41;
const HASH = 35;

/** `if`, `while`/`until`, `for`, `case`, `{ … }`, `[ … ]`, `! …`; false when the word opens none of them. */
export function compound(host: CompoundHost, word: string, end: number): boolean {
  switch (word) {
    case '!':
      negated(host, end);
      return true;
    case '{':
      body(host, 1, GROUP_END, end);
      break;
    case 'if':
      ifStatement(host, end);
      break;
    case 'while':
    case 'until':
      body(host, word.length, DO, end);
      body(host, 0, DONE, end);
      break;
    case 'for':
      forStatement(host, end);
      break;
    case 'case':
      caseStatement(host, end);
      break;
    case '[':
      testCommand(host, end);
      break;
    case '[[':
      extendedTest(host, end);
      break;
    default:
      return false;
  }
  afterCompound(host, end);
  return true;
}

/** `name() { … }`: the body's commands are read where they are written (not where the function is called). */
export function functionDefinition(host: CompoundHost, end: number): void {
  host.pos = host.skipBlankLines(skipBlanks(host.text, host.pos, end) + 2, end);
  if (host.reservedAt(host.pos, end) !== '{') throw new Bail();
  body(host, 1, GROUP_END, end);
  afterCompound(host, end);
}

/**
 * `! command`: tree-sitter's negated_command takes a simple command, a `[ … ]` or a subshell only. In
 * `! { a | b; }` it reads `{` as the name of a command (`{ a`) and the `}` as another command.
 */
function negated(host: CompoundHost, end: number): void {
  host.pos = skipBlanks(host.text, host.pos + 1, end);
  const next = host.reservedAt(host.pos, end) ?? '';
  if (next === '{') {
    host.parseBraceCommand(end);
    return;
  }
  if (KEYWORDS.has(next) || DECLARATIONS.has(next) || UNSETS.has(next) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(host.text.slice(host.pos, host.pos + 80))) throw new Bail();
  host.parseStatement(end);
}

/** Skips the opening word (`length` characters), parses a required list up to one of `stops`; returns the stop, consumed. */
function body(host: CompoundHost, length: number, stops: ReadonlySet<string>, end: number): string {
  host.pos += length;
  const stop = host.parseList(stops, end, true);
  if (!stops.has(stop)) throw new Bail();
  host.pos += stop.length;
  return stop;
}

function ifStatement(host: CompoundHost, end: number): void {
  body(host, 2, THEN, end);
  let stop = body(host, 0, IF_BODY, end);
  while (stop === 'elif') {
    body(host, 0, THEN, end);
    stop = body(host, 0, IF_BODY, end);
  }
  if (stop === 'else') body(host, 0, FI, end);
}

/** `for NAME [in WORD…]; do … done`. */
function forStatement(host: CompoundHost, end: number): void {
  host.pos += 3;
  const variable = host.word(end);
  if (variable === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.raw)) throw new Bail();
  host.pos = skipBlanks(host.text, host.pos, end);
  if (host.reservedAt(host.pos, end) === 'in') {
    host.pos += 2;
    const values: ScannedWord[] = [];
    for (let word = host.word(end); word !== undefined; word = host.word(end)) values.push(word);
    host.nested(values);
  }
  host.pos = skipBlanks(host.text, host.pos, end);
  if (host.text.charCodeAt(host.pos) === SEMICOLON && host.text.charCodeAt(host.pos + 1) !== SEMICOLON) host.setJoin(';', 1);
  host.pos = host.skipBlankLines(host.pos, end);
  if (host.reservedAt(host.pos, end) !== 'do') throw new Bail();
  body(host, 2, DONE, end);
}

/** `case WORD in [(]PATTERN[|PATTERN…]) LIST ;; … esac`; a `|` between patterns sets the join, as tree-sitter's walk does. */
function caseStatement(host: CompoundHost, end: number): void {
  host.pos += 4;
  const subject = host.word(end);
  if (subject === undefined) throw new Bail();
  host.nested([subject]);
  host.pos = host.skipBlankLines(host.pos, end);
  if (host.reservedAt(host.pos, end) !== 'in') throw new Bail();
  host.pos += 2;
  for (;;) {
    skipBlankLinesAndComments(host, end);
    if (host.reservedAt(host.pos, end) === 'esac') {
      host.pos += 4;
      return;
    }
    casePatterns(host, end);
    const stop = host.parseList(CASE_ITEM_END, end, false);
    if (stop === 'esac') {
      host.pos += 4;
      return;
    }
    if (stop !== ';;') throw new Bail();
  }
}

function casePatterns(host: CompoundHost, end: number): void {
  const text = host.text;
  if (text.charCodeAt(host.pos) === OPEN) host.pos += 1;
  for (;;) {
    const pattern = host.word(end);
    if (pattern === undefined) throw new Bail();
    host.nested([pattern]);
    host.pos = skipBlanks(text, host.pos, end);
    const code = text.charCodeAt(host.pos);
    if (code === CLOSE) {
      host.pos += 1;
      return;
    }
    if (code !== PIPE || text.charCodeAt(host.pos + 1) === PIPE) throw new Bail();
    host.setJoin('|', 1);
  }
}

function skipBlankLinesAndComments(host: CompoundHost, end: number): void {
  for (;;) {
    host.pos = host.skipBlankLines(host.pos, end);
    if (host.text.charCodeAt(host.pos) !== HASH) return;
    host.skipComment(end);
  }
}

/** `[ … ]`: tree-sitter's test_command holds no command; only `$( … )` inside its words are parsed. */
function testCommand(host: CompoundHost, end: number): void {
  host.pos += 1;
  const words = testWords(host, ']', end);
  host.pos += 1;
  host.nested(words);
}

/** Reserved words that open a compound command even as the first word of a `[ … ]`. */
const TEST_OPENERS = new Set(['if', 'while', 'until', 'for', 'case', 'select', 'function', 'coproc', '{', '[[', '((']);

/** Binary operators of `[[ … ]]` the subset takes (`==` and `=~` are read as patterns by tree-sitter). */
const TEST_BINARY = new Set(['=', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/**
 * `[[ WORD ]]`, `[[ -f WORD ]]`, `[[ WORD = WORD ]]`, each optionally negated with `!`: tree-sitter's
 * test_command holds no command; only `$( … )` inside its words are parsed. Anything else (`&&`, `||`,
 * `==`, `=~`, `<`, `>`, parentheses, words it would read as a syntax error) leaves the subset.
 */
function extendedTest(host: CompoundHost, end: number): void {
  host.pos += 2;
  const words = testWords(host, ']]', end);
  let first = 0;
  while (words[first]?.raw === '!') first += 1;
  const [a, b, c, extra] = words.slice(first).map((word) => word.raw);
  const unary = a !== undefined && /^-[a-zA-Z]$/.test(a) && b !== undefined && c === undefined;
  const binary = b !== undefined && TEST_BINARY.has(b) && c !== undefined && extra === undefined;
  if (a === undefined || (b !== undefined && !unary && !binary)) throw new Bail();
  host.pos += 2;
  host.nested(words);
}

/** The words of a `[ … ]` or `[[ … ]]` up to `close` (not consumed); none may be split as `$a/$b` is. */
function testWords(host: CompoundHost, close: string, end: number): ScannedWord[] {
  const words: ScannedWord[] = [];
  for (;;) {
    host.pos = skipBlanks(host.text, host.pos, end);
    if (host.reservedAt(host.pos, end) === close) break;
    const word = host.word(end);
    if (word === undefined || ASSIGNMENT.test(word.raw) || word.raw.endsWith('$') || word.raw === ']') throw new Bail();
    // `[ if != x ]`: tree-sitter starts an if statement there.
    if (words.length === 0 && TEST_OPENERS.has(word.raw)) throw new Bail();
    words.push(word);
  }
  if (words.length === 0) throw new Bail();
  return words;
}

/** Redirections after a compound statement, then what may follow a statement. */
export function afterCompound(host: CompoundHost, end: number): void {
  const redirects: ScannedWord[] = [];
  host.readRedirects(end, redirects);
  host.endOfCommand(end);
  host.nested(redirects);
}
