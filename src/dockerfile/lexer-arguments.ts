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
  const { text, escapeChar } = source;
  const offset = source.at(node.keywordEnd);
  const length = source.at(node.end) - offset;
  const args: LexedArgument[] = [];
  // The value is built from runs of plain characters (sliced once) and escaped characters.
  let run = -1;
  let runEnd = -1;
  let value = '';
  const flush = (): void => {
    if (run !== -1) value += text.slice(offset + run, offset + runEnd);
    run = -1;
  };
  const push = (start: number, end: number): void => {
    flush();
    args.push({ value, start: source.at(offset + start), end: source.at(offset + end) });
    value = '';
  };
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespace = false;
  let escaping = false;
  let marker = -1;
  // Character codes, not one-character strings: this loop reads every character of every instruction.
  const escapeCode = escapeChar.charCodeAt(0);
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(offset + i);
    if (code === SPACE || code === TAB || code === CR || code === LF) {
      if (escaping) {
        escapedWhitespace = code === SPACE || code === TAB;
        if (!escapedWhitespace && comment) {
          comment = false;
          start = true;
        }
        continue;
      }
      if (found !== -1) {
        push(found, marker === -1 ? i : marker);
        marker = -1;
        found = -1;
      }
    } else if (code === escapeCode) {
      const next = i + 1 < length ? text.charAt(offset + i + 1) : '';
      if (next === ' ' || next === '\t') {
        let j = i + 2;
        while (j < length && (text.charAt(offset + j) === ' ' || text.charAt(offset + j) === '\t')) j += 1;
        if (j >= length) continue;
        const after = text.charAt(offset + j);
        if (after === '\r' || after === '\n') {
          if (after === '\r') j += 1;
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1) marker = i;
          i = j;
        } else {
          marker = i;
          if (found === -1) i = j - 1;
        }
      } else if (next === '\r' || next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && marker === -1) marker = i;
        i += next === '\r' ? 2 : 1;
      } else {
        if (escapedWhitespace && marker !== -1) {
          push(found, marker);
          found = -1;
        }
        marker = -1;
        escapedWhitespace = false;
        escaping = false;
        if (next === '') break;
        flush();
        value += next === '$' ? escapeChar + next : next;
        if (found === -1) found = i;
        i += 1;
      }
    } else if (!comment) {
      if (start && code === HASH) {
        comment = true;
      } else {
        if (escapedWhitespace && marker !== -1) {
          push(found, marker);
          found = -1;
        }
        escapedWhitespace = false;
        escaping = false;
        marker = -1;
        if (run === -1 || runEnd !== i) {
          flush();
          run = i;
        }
        runEnd = i + 1;
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) push(found, marker === -1 ? length : marker);
  return args;
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
