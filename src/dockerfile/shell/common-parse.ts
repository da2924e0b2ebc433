import type { Collector, PendingPipe, RangeMapper } from './collect.ts';
import { CommandStarts, emptyCollector, pushCommand, resolvePipes } from './collect.ts';
import type { ShellJoin } from './model.ts';
import { backquotesPlain, Bail, readWord, ScannedWord, skipBlanks } from './common-words.ts';
import type { CompoundHost } from './common-compound.ts';
import { afterCompound, ASSIGNMENT, compound, DECLARATIONS, functionDefinition, gluedToKeyword, NOT_COMMANDS, UNSETS } from './common-compound.ts';

/**
 * A parser for the shell most RUN instructions hold: simple commands with assignments, quoting,
 * `$VAR`, `${VAR…}`, `$( … )`, plain back-quoted words, redirections, `&&`, `||`, `;`, `|`, `|&`, `&`,
 * newlines, comments, `( … )` subshells and the compound commands of common-compound.ts (`[[ … ]]` of
 * plain words among them). It builds exactly the model the tree-sitter walk (build.ts) builds, in the
 * same order, tree-sitter-bash's odd readings included (`$a/$b/c` as two words, `! { …; }`); anything
 * else (here-documents, arithmetic, syntax errors, other odd spellings) returns undefined, and the
 * caller parses with tree-sitter. test/corpus/dockerfile-shell.corpus.ts and common-parse.test.ts
 * check both give the same model (docs/decisions/0027-a-common-shell-parser.md, 0034-h-heredocs-in-the-lexer.md).
 */
export function parseCommonShell(text: string, map: RangeMapper): Collector | undefined {
  if (text.includes('<<') || (text.includes('`') && !backquotesPlain(text))) return undefined;
  const parser = new CommonParser(text, map);
  try {
    parser.parseAll();
    return parser.finish();
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}

const REDIRECT = /(?:\d+)?(?:&>>|&>|>>|>&|<&|>\||>|<)/y;
/** A reserved word (or `{`, `}`, `!`, `[`) standing alone at `lastIndex`. */
const RESERVED = /(?:[a-z]+|[{}!]|\[\[?|\]\]?)(?=[\s;&|()<>]|$)/y;
const NO_STOPS: ReadonlySet<string> = new Set();

const MAX_NESTING = 64;
const CODE = { space: 32, tab: 9, newline: 10, hash: 35, semicolon: 59, amp: 38, pipe: 124, open: 40, close: 41, less: 60, greater: 62, brace: 123, bang: 33, zero: 48, nine: 57 } as const;

/** `charCodeAt`, -1 past the end (NaN there; neither is a character): V8's optimised code deoptimises reading past it. */
function codeAt(text: string, index: number): number {
  return index < text.length ? text.charCodeAt(index) : -1;
}

/** What ends a list: the end of the text (or of a `$( … )`), a `)`, or one of the reserved words in `stops`. */
interface ListEnd {
  readonly end: number;
  readonly closeParen: boolean;
  readonly stops: ReadonlySet<string>;
  /** Lists that must hold a statement (`then … fi`, `do … done`, `( … )`). */
  readonly required: boolean;
}

/**
 * TypeScript's `private`, not `#private`, and plain `text` and `pos`, not accessors: until V8 optimises
 * the parser, each `this.#member` is a keyed access through a generic IC and each accessor a call
 * (the corpus scan: 27 M instructions less without them, docs/decisions/0039-j-cold-code-shapes.md).
 */
class CommonParser implements CompoundHost {
  readonly text: string;
  private readonly map: RangeMapper;
  private readonly collector: Collector = emptyCollector();
  private readonly starts = new CommandStarts();
  private readonly pending: PendingPipe[] = [];
  pos = 0;
  private join: ShellJoin | undefined;
  private depth = 0;
  /** Lists being parsed inside each other (the parser recurses; deeper input goes to tree-sitter). */
  private nesting = 0;
  /** `{` read as a command name after `!` whose `}` (also a command for tree-sitter) is still to come. */
  private looseBraces = 0;

  constructor(text: string, map: RangeMapper) {
    this.text = text;
    this.map = map;
  }

  parseList(stops: ReadonlySet<string>, end: number, required: boolean): string {
    return this.parseListUntil({ end, closeParen: false, stops, required });
  }

  finish(): Collector {
    resolvePipes(this.collector, this.pending, this.starts);
    return this.collector;
  }

  /** Parses the whole text. */
  parseAll(): void {
    this.parseListUntil({ end: this.text.length, closeParen: false, stops: NO_STOPS, required: false });
    if (this.looseBraces > 0) throw new Bail();
  }

  /** Statements up to the list's end; returns the reserved word that stopped it ('' at the end or a `)`), not consumed. */
  private parseListUntil(until: ListEnd): string {
    if (this.nesting >= MAX_NESTING) throw new Bail();
    this.nesting += 1;
    const stop = this.statements(until);
    this.nesting -= 1;
    return stop;
  }

  private statements(until: ListEnd): string {
    const text = this.text;
    const { end } = until;
    let needStatement = false;
    let statements = 0;
    for (;;) {
      this.pos = skipBlanks(text, this.pos, end);
      const code = codeAt(text, this.pos);
      const stop = this.pos >= end || code === CODE.close ? '' : this.reservedAt(this.pos, end);
      if (this.pos >= end || code === CODE.close || (stop !== undefined && until.stops.has(stop))) {
        if (needStatement || (until.required && statements === 0)) throw new Bail();
        if (stop === '}' && this.looseBraces > 0) throw new Bail();
        if (stop === undefined || stop === '') {
          if ((this.pos < end) !== until.closeParen) throw new Bail();
          return '';
        }
        return stop;
      }
      if (code === CODE.newline) {
        this.pos += 1;
        continue;
      }
      if (code === CODE.hash) {
        this.skipComment(end);
        continue;
      }
      if (code === CODE.semicolon && until.stops.has(';;') && !needStatement && /^;(?:;|&)/.test(text.slice(this.pos, this.pos + 2))) return this.caseItemEnd(until.stops);
      if (code === CODE.semicolon || code === CODE.amp || code === CODE.pipe) throw new Bail();
      this.parsePipeline(end);
      statements += 1;
      const after = this.operator(end, until.stops);
      if (after === ';;') return ';;';
      needStatement = after === 'more';
    }
  }

  /** The reserved word at `pos`, if the word there is one. */
  reservedAt(pos: number, end: number): string | undefined {
    RESERVED.lastIndex = pos;
    const match = RESERVED.exec(this.text);
    if (match === null || RESERVED.lastIndex > end) return undefined;
    return match[0];
  }

  /** Reads the operator after a pipeline: `more` when a statement must follow (`&&`, `||`), `;;` for a case item's end. */
  private operator(end: number, stops: ReadonlySet<string>): 'more' | 'free' | ';;' {
    const text = this.text;
    this.pos = skipBlanks(text, this.pos, end);
    const code = codeAt(text, this.pos);
    const next = codeAt(text, this.pos + 1);
    if (code === CODE.amp && next === CODE.amp) return this.setJoin('&&', 2);
    if (code === CODE.pipe && next === CODE.pipe) return this.setJoin('||', 2);
    if (code === CODE.semicolon) {
      if (next === CODE.semicolon || next === CODE.amp) return this.caseItemEnd(stops);
      this.setJoin(';', 1);
      return 'free';
    }
    if (code === CODE.amp) {
      this.setJoin('&', 1);
      return 'free';
    }
    if (this.pos < end && code !== CODE.newline && code !== CODE.hash && code !== CODE.close) throw new Bail();
    return 'free';
  }

  /** `;;`, `;&`, `;;&`: the end of a case item (tree-sitter gives them no join). */
  private caseItemEnd(stops: ReadonlySet<string>): ';;' {
    if (!stops.has(';;')) throw new Bail();
    const text = this.text;
    if (text.startsWith(';;&', this.pos)) this.pos += 3;
    else this.pos += 2;
    return ';;';
  }

  setJoin(join: ShellJoin, length: number): 'more' {
    this.join = join;
    this.pos += length;
    return 'more';
  }

  skipComment(end: number): void {
    const newline = this.text.indexOf('\n', this.pos);
    this.pos = newline === -1 || newline > end ? end : newline;
  }

  private parsePipeline(end: number): void {
    const text = this.text;
    let leftStart = this.pos;
    this.parseStatement(end);
    let leftEnd = this.pos;
    for (;;) {
      const at = skipBlanks(text, this.pos, end);
      if (codeAt(text, at) !== CODE.pipe || codeAt(text, at + 1) === CODE.pipe) return;
      const operator = codeAt(text, at + 1) === CODE.amp ? '|&' : '|';
      const opEnd = at + operator.length;
      this.join = operator;
      this.pos = this.skipBlankLines(opEnd, end);
      const rightStart = this.pos;
      const pipeIndex = this.pending.length;
      const range = this.map(at, opEnd);
      this.pending.push({ operator, range, leftStart, leftEnd, rightStart, rightEnd: rightStart });
      this.parseStatement(end);
      this.pending[pipeIndex] = { operator, range, leftStart, leftEnd, rightStart, rightEnd: this.pos };
      leftStart = rightStart;
      leftEnd = this.pos;
    }
  }

  skipBlankLines(from: number, end: number): number {
    let pos = skipBlanks(this.text, from, end);
    while (codeAt(this.text, pos) === CODE.newline) pos = skipBlanks(this.text, pos + 1, end);
    return pos;
  }

  parseStatement(end: number): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) === CODE.open) {
      if (codeAt(text, this.pos + 1) === CODE.open) throw new Bail();
      this.pos += 1;
      this.depth += 1;
      this.parseListUntil({ end, closeParen: true, stops: NO_STOPS, required: true });
      this.depth -= 1;
      this.pos += 1;
      afterCompound(this, end);
      return;
    }
    const reserved = this.reservedAt(this.pos, end);
    if (reserved === '}' && this.looseBraces > 0) {
      this.looseBraces -= 1;
      this.parseSimpleCommand(end, true);
      return;
    }
    if (reserved === undefined || !compound(this, reserved, end)) this.parseSimpleCommand(end);
  }

  parseBraceCommand(end: number): void {
    this.looseBraces += 1;
    this.parseSimpleCommand(end, true);
  }

  /** The body of a `$( … )`, one subshell deeper. */
  private parseListAt(start: number, end: number): void {
    const saved = this.pos;
    this.pos = start;
    this.depth += 1;
    this.parseListUntil({ end, closeParen: false, stops: NO_STOPS, required: true });
    this.depth -= 1;
    this.pos = saved;
  }

  /** A simple command; `brace`: its name is the `{` or `}` at `pos` (see `parseBraceCommand`). */
  private parseSimpleCommand(end: number, brace = false): void {
    const start = this.pos;
    const prefix: ScannedWord[] = [];
    let name: ScannedWord | undefined;
    if (brace) name = this.braceWord(end);
    while (name === undefined) {
      const word = this.word(end);
      if (word === undefined) break;
      if (!ASSIGNMENT.test(word.raw)) {
        name = word;
        break;
      }
      prefix.push(word);
    }
    if (prefix.length === 0 && name !== undefined && this.text.startsWith('()', skipBlanks(this.text, this.pos, end)) && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name.raw)) {
      functionDefinition(this, end);
      return;
    }
    if (name === undefined) {
      if (prefix.length === 0) throw new Bail();
      this.endOfCommand(end);
      this.assignments(prefix);
      return;
    }
    // `-a-b=` is an assignment for tree-sitter-bash: a command name holding `=` leaves the subset.
    const first = name.raw.charCodeAt(0);
    if (!brace && (NOT_COMMANDS.has(name.raw) || gluedToKeyword(name.raw) || name.raw.includes('=') || first === CODE.brace || first === CODE.bang)) throw new Bail();
    if (DECLARATIONS.has(name.raw) || UNSETS.has(name.raw)) {
      this.declaration(name, prefix, end);
      return;
    }
    // A word as read is the model's word too (its `$( … )` are parsed below).
    const args: ScannedWord[] = [];
    let last = name;
    for (let word = this.word(end); word !== undefined; word = this.word(end)) {
      args.push(word);
      last = word;
    }
    const redirects: ScannedWord[] = [];
    this.readRedirects(end, redirects);
    this.endOfCommand(end);
    const joinedBy = this.join ?? (this.collector.commands.length > 0 ? 'newline' : undefined);
    this.join = undefined;
    const parts = { name, args, assignments: prefix, range: this.map(start, last.end), joinedBy, depth: this.depth };
    pushCommand(this.collector, parts, start, this.starts);
    this.assignments(prefix);
    this.nestedWord(name);
    this.nested(args);
    this.nested(redirects);
  }

  /** The `{` or `}` at `pos` as a word; a `}` takes no arguments. */
  private braceWord(end: number): ScannedWord {
    const start = this.pos;
    const raw = this.text.charAt(start);
    this.pos = start + 1;
    if (raw === '}' && this.word(end) !== undefined) throw new Bail();
    return new ScannedWord(raw, raw, true, start, start + 1, [], this.map);
  }

  /** `export A=1 B`: tree-sitter makes no command of it; its `NAME=value` words are assignments. */
  private declaration(name: ScannedWord, prefix: readonly ScannedWord[], end: number): void {
    if (prefix.length > 0) throw new Bail();
    const words: ScannedWord[] = [];
    for (let word = this.word(end); word !== undefined; word = this.word(end)) words.push(word);
    this.endOfCommand(end);
    if (UNSETS.has(name.raw)) {
      if (words.some((word) => word.substitutions.length > 0 || !word.static)) throw new Bail();
      return;
    }
    for (const word of words) {
      if (ASSIGNMENT.test(word.raw)) this.assignments([word]);
      else if (!word.static) throw new Bail();
    }
  }

  private assignments(words: readonly ScannedWord[]): void {
    for (const word of words) {
      this.collector.assignments.push(word);
      this.nestedWord(word);
    }
  }

  /** Parses the `$( … )` of `words`, in order, as tree-sitter's pre-order walk meets them. */
  nested(words: readonly ScannedWord[]): void {
    for (const word of words) this.nestedWord(word);
  }

  private nestedWord(word: ScannedWord): void {
    // Most words hold none (they share one empty list): no iterator is made for them.
    if (word.substitutions.length > 0) for (const span of word.substitutions) this.parseListAt(span.start, span.end);
  }

  /** After a command: only an operator, a newline, a comment, `)` or the end may follow. */
  endOfCommand(end: number): void {
    this.pos = skipBlanks(this.text, this.pos, end);
    if (this.pos >= end) return;
    const code = this.text.charCodeAt(this.pos);
    if (code === CODE.open || code === CODE.less || code === CODE.greater) throw new Bail();
  }

  /** Redirections after a command: `> f`, `2>&1`, `&>/dev/null`; every word after the operator is its destination. */
  readRedirects(end: number, into: ScannedWord[]): void {
    for (;;) {
      this.pos = skipBlanks(this.text, this.pos, end);
      REDIRECT.lastIndex = this.pos;
      const match = REDIRECT.exec(this.text);
      if (match === null) return;
      const after = this.pos + match[0].length;
      const next = codeAt(this.text, after);
      if (next === CODE.open || next === CODE.less || (next === CODE.greater && !match[0].endsWith('>|'))) throw new Bail();
      this.pos = after;
      const first = this.word(end);
      if (first === undefined) throw new Bail();
      into.push(first);
      for (let word = this.word(end); word !== undefined; word = this.word(end)) into.push(word);
    }
  }

  /** The next word of the command, or undefined at an operator, redirection, comment, newline or the end. */
  word(end: number): ScannedWord | undefined {
    const text = this.text;
    this.pos = skipBlanks(text, this.pos, end);
    if (this.pos >= end) return undefined;
    const code = text.charCodeAt(this.pos);
    if (code === CODE.newline || code === CODE.hash || code === CODE.semicolon || code === CODE.amp || code === CODE.pipe || code === CODE.close) return undefined;
    if (code === CODE.less || code === CODE.greater) return undefined;
    REDIRECT.lastIndex = this.pos;
    if (code >= CODE.zero && code <= CODE.nine && REDIRECT.test(text)) return undefined;
    if (code === CODE.open) throw new Bail();
    const word = readWord(text, this.pos, end, this.map);
    const after = codeAt(text, word.end);
    // `-y2>&1`: whether the digits are a file descriptor depends on where the word stands.
    if ((after === CODE.less || after === CODE.greater) && /\d$/.test(word.raw)) throw new Bail();
    this.pos = word.end;
    return word;
  }
}

