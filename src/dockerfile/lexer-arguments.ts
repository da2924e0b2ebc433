import type { LineIndex, SourceRange } from '../core/index.ts';
import { PositionCursor } from './positions.ts';
import type { LexedInstruction } from './lexer.ts';

/** One argument of an instruction: its value with escapes applied, and where it is written. */
export interface LexedArgument {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export interface LexedFlag {
  readonly name: string;
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly valueStart: number | undefined;
  readonly valueEnd: number | undefined;
}

/** What reading arguments needs: the text, its escape character and `dockerfile-ast`'s offsets (`adjustOffset`). */
export interface EscapedText {
  readonly text: string;
  readonly escapeChar: string;
  at(offset: number): number;
}

/**
 * `dockerfile-ast`'s notion of an offset: clamped to the text, and an offset between the CR and LF
 * of a line break counts as the CR's (the LSP text document it uses moves such offsets before the line end).
 */
export function adjustOffset(text: string, offset: number): number {
  // A comparison, not Math.min: this runs for every argument's ends, mostly in unoptimised code.
  const clamped = offset < 0 ? 0 : offset > text.length ? text.length : offset;
  return clamped > 0 && text.charCodeAt(clamped - 1) === 13 ? clamped - 1 : clamped;
}

/** The text with `dockerfile-ast`'s offsets (`adjustOffset`) and 1-based positions. */
export class OffsetText implements EscapedText {
  readonly text: string;
  readonly escapeChar: string;
  readonly #cursor: PositionCursor;

  constructor(text: string, escapeChar: string, lines: LineIndex) {
    this.text = text;
    this.escapeChar = escapeChar;
    this.#cursor = new PositionCursor(lines);
  }

  at(offset: number): number {
    return adjustOffset(this.text, offset);
  }

  range(start: number, end: number): SourceRange {
    return this.#cursor.range(start, end);
  }

  /** Whether `start` and `end` (adjusted offsets) are on different lines. */
  crossesLine(start: number, end: number): boolean {
    const newline = this.text.indexOf('\n', start);
    return newline !== -1 && newline < end;
  }
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;

/** `Instruction.getRawArguments`: the arguments after the keyword, escapes applied, comments in continuations skipped. */
export function rawArguments(source: EscapedText, node: LexedInstruction): LexedArgument[] {
  return readerOf(source, node, undefined).read();
}

/**
 * `rawArguments` up to the first one whose value `stop` accepts (that one included), and how many
 * there are in all and where the last one ends: what a RUN, CMD or ENTRYPOINT needs of its arguments
 * (its flags, and the span of its command). The arguments after are read for their bounds only, with
 * no value and no object each: a RUN has hundreds, and nothing reads them (the shell parser reads the
 * command's text).
 */
export function leadingArguments(source: EscapedText, node: LexedInstruction, stop: (value: string) => boolean): ArgumentBounds {
  const reader = readerOf(source, node, stop);
  const leading = reader.read();
  return { leading, count: reader.count, lastEnd: reader.lastEnd };
}

/** What `leadingArguments` read. */
export interface ArgumentBounds {
  readonly leading: LexedArgument[];
  /** How many arguments there are, `leading` and the rest. */
  readonly count: number;
  /** Where the last argument ends (-1 without arguments). */
  readonly lastEnd: number;
}

function readerOf(source: EscapedText, node: LexedInstruction, stop: ((value: string) => boolean) | undefined): ArgumentReader {
  const { text } = source;
  const offset = adjustOffset(text, node.keywordEnd);
  return new ArgumentReader(text, source.escapeChar, offset, adjustOffset(text, node.end) - offset, stop);
}

/**
 * The state of `rawArguments` while it reads one instruction. A class, not closures over locals: one
 * shape and the same methods for every instruction, where new closures per instruction made V8
 * throw away its optimised code ("wrong call target"), and the paths after an escape character are a
 * method of their own. TypeScript's `private`, not `#private`: until V8 has optimised the loop, each
 * `this.#field` is a keyed property access through a generic IC, and with `#` fields this reader
 * took the corpus scan from 2,367 to 2,630 M instructions (docs/decisions/0039-j-cold-code-shapes.md).
 * Offsets are `adjustOffset`'s, as `EscapedText.at` answers them.
 */
class ArgumentReader {
  private readonly text: string;
  private readonly escapeChar: string;
  private readonly offset: number;
  private readonly length: number;
  private readonly args: LexedArgument[] = [];
  // The value is built from runs of plain characters (sliced once) and escaped characters.
  private run = -1;
  private runEnd = -1;
  private value = '';
  private start = false;
  private comment = false;
  private found = -1;
  private escapedWhitespace = false;
  private escaping = false;
  private marker = -1;
  /** After an argument `stop` accepts, the values are no longer built nor the arguments kept (`leadingArguments`). */
  private readonly stop: ((value: string) => boolean) | undefined;
  private keep = true;
  count = 0;
  lastEnd = -1;

  constructor(text: string, escapeChar: string, offset: number, length: number, stop: ((value: string) => boolean) | undefined) {
    this.text = text;
    this.escapeChar = escapeChar;
    this.offset = offset;
    this.length = length;
    this.stop = stop;
  }

  private flush(): void {
    if (this.run !== -1 && this.keep) this.value += this.text.slice(this.offset + this.run, this.offset + this.runEnd);
    this.run = -1;
  }

  private push(start: number, end: number): void {
    this.flush();
    const text = this.text;
    this.count += 1;
    this.lastEnd = adjustOffset(text, this.offset + end);
    if (!this.keep) return;
    const value = this.value;
    this.args.push({ value, start: adjustOffset(text, this.offset + start), end: this.lastEnd });
    this.value = '';
    if (this.stop?.(value) === true) this.keep = false;
  }

  read(): LexedArgument[] {
    const text = this.text;
    const offset = this.offset;
    const length = this.length;
    // Character codes, not one-character strings: this loop reads every character of every instruction.
    const escapeCode = this.escapeChar.charCodeAt(0);
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(offset + i);
      if (code === SPACE || code === TAB || code === CR || code === LF) {
        if (this.escaping) {
          this.escapedWhitespace = code === SPACE || code === TAB;
          if (!this.escapedWhitespace && this.comment) {
            this.comment = false;
            this.start = true;
          }
          continue;
        }
        if (this.found !== -1) {
          this.push(this.found, this.marker === -1 ? i : this.marker);
          this.marker = -1;
          this.found = -1;
        }
      } else if (code === escapeCode) {
        i = this.escape(i);
      } else if (!this.comment) {
        if (this.start && code === HASH) {
          this.comment = true;
        } else {
          this.plain(i);
          i = this.plainRun(i + 1, escapeCode) - 1;
        }
        this.start = false;
      }
    }
    if (this.found !== -1) this.push(this.found, this.marker === -1 ? length : this.marker);
    return this.args;
  }

  private plain(i: number): void {
    if (this.escapedWhitespace && this.marker !== -1) {
      this.push(this.found, this.marker);
      this.found = -1;
    }
    this.escapedWhitespace = false;
    this.escaping = false;
    this.marker = -1;
    if (this.run === -1 || this.runEnd !== i) {
      this.flush();
      this.run = i;
    }
    this.runEnd = i + 1;
    if (this.found === -1) this.found = i;
  }

  /**
   * After a plain character, the characters up to the next blank, line break or escape character are
   * plain too (a `#` among them included: it only starts a comment first on a line): they extend the
   * current run, as `plain` would one by one, in a loop without a call or a field write per character
   * (the corpus scan: −3.6% instructions, docs/decisions/0040-d-argument-runs-in-one-loop.md).
   * Answers where that run ends.
   */
  private plainRun(from: number, escapeCode: number): number {
    const text = this.text;
    const offset = this.offset;
    const length = this.length;
    let j = from;
    while (j < length) {
      const code = text.charCodeAt(offset + j);
      if (code === SPACE || code === TAB || code === CR || code === LF || code === escapeCode) break;
      j += 1;
    }
    this.runEnd = j;
    return j;
  }

  /** The escape character at `i`: answers the index the loop continues after (the length to stop). */
  private escape(i: number): number {
    const text = this.text;
    const offset = this.offset;
    const length = this.length;
    const next = i + 1 < length ? text.charAt(offset + i + 1) : '';
    if (next === ' ' || next === '\t') {
      let j = i + 2;
      while (j < length && (text.charAt(offset + j) === ' ' || text.charAt(offset + j) === '\t')) j += 1;
      if (j >= length) return i;
      const after = text.charAt(offset + j);
      if (after === '\r' || after === '\n') {
        this.comment = false;
        this.escaping = true;
        this.start = true;
        if (this.found !== -1) this.marker = i;
        return after === '\r' ? j + 1 : j;
      }
      this.marker = i;
      return this.found === -1 ? j - 1 : i;
    }
    if (next === '\r' || next === '\n') {
      this.comment = false;
      this.escaping = true;
      this.start = true;
      if (this.found !== -1 && this.marker === -1) this.marker = i;
      return i + (next === '\r' ? 2 : 1);
    }
    if (this.escapedWhitespace && this.marker !== -1) {
      this.push(this.found, this.marker);
      this.found = -1;
    }
    this.marker = -1;
    this.escapedWhitespace = false;
    this.escaping = false;
    if (next === '') return length;
    this.flush();
    if (this.keep) this.value += next === '$' ? this.escapeChar + next : next;
    if (this.found === -1) this.found = i;
    return i + 1;
  }
}

const NOT_A_FLAG = (value: string): boolean => !value.includes('--');
const HEALTHCHECK_SUBCOMMAND = (value: string): boolean => {
  const upper = value.toUpperCase();
  return upper === 'CMD' || upper === 'NONE';
};
const NEVER_FLAGS = (): boolean => true;

/** When `ModifiableInstruction.getFlags` stops looking for flags, per keyword; undefined for instructions without flags. */
export function stopsFlags(keyword: string): ((value: string) => boolean) | undefined {
  switch (keyword) {
    case 'ADD':
    case 'COPY':
    case 'FROM':
    case 'RUN':
      return NOT_A_FLAG;
    case 'HEALTHCHECK':
      return HEALTHCHECK_SUBCOMMAND;
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
    case 'VOLUME':
      return NEVER_FLAGS;
    default:
      return undefined;
  }
}

/** `ModifiableInstruction.getFlags`: the leading `--name[=value]` arguments. */
export function flagsOf(source: EscapedText, args: readonly LexedArgument[], stop: (value: string) => boolean): LexedFlag[] {
  const flags: LexedFlag[] = [];
  for (const arg of args) {
    if (stop(arg.value)) return flags;
    if (arg.value.startsWith('--')) flags.push(flagOf(source, arg));
  }
  return flags;
}

function flagOf(source: EscapedText, arg: LexedArgument): LexedFlag {
  const { value, start, end } = arg;
  const raw = source.text.substring(start, end);
  const nameIndex = value.indexOf('=');
  const index = raw.indexOf('=');
  const nameStart = source.at(start + flagNameStart(raw));
  const base = { start, end, nameStart };
  if (index === -1) return { ...base, name: value.substring(2), value: undefined, nameEnd: end, valueStart: undefined, valueEnd: undefined };
  const nameEnd = source.at(start + index);
  if (index === value.length - 1) return { ...base, name: value.substring(2, index), value: '', nameEnd, valueStart: end, valueEnd: end };
  return { ...base, name: value.substring(2, nameIndex), value: value.substring(nameIndex + 1), nameEnd, valueStart: source.at(start + index + 1), valueEnd: end };
}

/** Skips whitespace, backslashes and the two leading dashes (-1 when nothing else follows). */
function flagNameStart(raw: string): number {
  let dashes = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw.charAt(i);
    if (char === '\\' || char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (char !== '-' || dashes === 2) return i;
    dashes += 1;
  }
  return -1;
}
