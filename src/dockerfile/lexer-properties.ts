import type { LexedArgument, OffsetText } from './lexer-arguments.ts';
import type { LexedInstruction } from './lexer.ts';
import { commentLineEnd, leadingNonWhitespace, propertyValue } from './lexer-property-value.ts';

/** A `key=value` (or legacy `key value`) pair of ENV, ARG or LABEL, as `dockerfile-ast`'s `Property` reads it. */
export interface LexedProperty {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly value: string | undefined;
  readonly valueStart: number | undefined;
  readonly valueEnd: number | undefined;
}

/** `PropertyInstruction.getProperties`. */
export function propertiesOf(source: OffsetText, node: LexedInstruction): LexedProperty[] {
  const args = propertyArguments(source, node);
  const [first, second] = args;
  if (first === undefined) return [];
  if (second === undefined) return [property(source, first)];
  if (!first.value.includes('=')) {
    if (args.length === 2) return [property(source, first, second)];
    const last = args.at(-1) ?? second;
    return [property(source, first, { value: source.text.substring(second.start, last.end), start: second.start, end: last.end })];
  }
  return args.map((arg) => property(source, arg));
}

function property(source: OffsetText, arg: LexedArgument, valueArg?: LexedArgument): LexedProperty {
  const { text, escapeChar } = source;
  const nameEnd = nameEndOf(source, arg);
  const name = propertyValue(text.substring(arg.start, nameEnd), escapeChar);
  if (valueArg !== undefined) {
    return { name, nameStart: arg.start, nameEnd, value: propertyValue(text.substring(valueArg.start, valueArg.end), escapeChar), valueStart: valueArg.start, valueEnd: valueArg.end };
  }
  if (nameEnd === arg.end) return { name, nameStart: arg.start, nameEnd, value: undefined, valueStart: undefined, valueEnd: undefined };
  const valueStart = source.at(arg.start + arg.value.indexOf('=') + 1);
  const valueEnd = source.at(arg.end);
  return { name, nameStart: arg.start, nameEnd, value: propertyValue(text.substring(valueStart, valueEnd), escapeChar), valueStart, valueEnd };
}

/** `Property.getNameRange`: up to the `=`, unless the argument is quoted past it. */
function nameEndOf(source: OffsetText, arg: LexedArgument): number {
  const index = arg.value.indexOf('=');
  if (index === -1) return arg.end;
  const initial = arg.value.charAt(0);
  const before = arg.value.charAt(index - 1);
  const quoted = initial === '"' || initial === "'";
  if (!quoted || before === initial) return source.at(arg.start + index);
  return arg.end;
}

/** `PropertyInstruction.findTrailingNonWhitespace`. */
function trailingNonWhitespace(content: string, escapeChar: string): number {
  for (let i = content.length - 1; i >= 0; i -= 1) {
    const char = content.charAt(i);
    if (char === ' ' || char === '\t') continue;
    if (char !== '\n' && char !== '\r') return i;
    let from = i;
    if (char === '\n' && content.charAt(i - 1) === '\r') from = i - 1;
    for (let j = from - 1; j >= 0; j -= 1) {
      const before = content.charAt(j);
      if (before !== ' ' && before !== '\t' && before !== '\r' && before !== '\n' && before !== escapeChar) return j;
    }
    return content.length;
  }
  return content.length;
}

/** `PropertyInstruction.getPropertyArguments`. */
function propertyArguments(source: OffsetText, node: LexedInstruction): LexedArgument[] {
  const { text, escapeChar } = source;
  const keywordEnd = source.at(node.keywordEnd);
  const fullArgs = text.substring(keywordEnd, source.at(node.end));
  const start = leadingNonWhitespace(fullArgs, escapeChar);
  if (start === -1) return [];
  const base = keywordEnd + start;
  const reader = new PropertyReader(source, fullArgs.substring(start, trailingNonWhitespace(fullArgs, escapeChar) + 1), base);
  return reader.read(source.crossesLine(source.at(node.start), source.at(base)));
}

class PropertyReader {
  readonly #source: OffsetText;
  readonly #content: string;
  readonly #base: number;
  readonly args: LexedArgument[] = [];

  constructor(source: OffsetText, content: string, base: number) {
    this.#source = source;
    this.#content = content;
    this.#base = base;
  }

  /** `substring`, not `slice`: `dockerfile-ast` passes -1 here at times, and `substring` clamps and swaps. */
  #push(start: number, end: number, valueEnd = end): void {
    this.args.push({ value: this.#content.substring(start, valueEnd), start: this.#source.at(this.#base + start), end: this.#source.at(this.#base + end) });
  }

  read(startsEscaped: boolean): LexedArgument[] {
    const content = this.#content;
    const escapeChar = this.#source.escapeChar;
    let escaped = startsEscaped;
    let endingEscape = false;
    let mark = -1;
    let argStart = escaped ? -1 : 0;
    let spaced = false;
    loop: for (let i = 0; i < content.length; i += 1) {
      const char = content.charAt(i);
      if (char === escapeChar) {
        if (i + 1 === content.length) {
          endingEscape = true;
          break;
        }
        if (!escaped) mark = i;
        const next = content.charAt(i + 1);
        if (next === ' ' || next === '\t') {
          const after = content.charAt(i + 2);
          if (after !== ' ' && after !== '\t' && after !== '\r' && after !== '\n') {
            i += 1;
            continue;
          }
          let j = i + 2;
          while (j < content.length && (content.charAt(j) === ' ' || content.charAt(j) === '\t')) j += 1;
          if (j < content.length && (content.charAt(j) === '\r' || content.charAt(j) === '\n')) {
            escaped = true;
            i = content.charAt(j) === '\r' ? j + 1 : j;
            continue;
          }
          if (j < content.length) {
            this.#push(argStart, i + 2, i);
            argStart = j;
          }
          i = argStart - 1;
          continue;
        }
        if (next === '\r' || next === '\n') {
          escaped = true;
          i += next === '\r' ? 2 : 1;
          continue;
        }
        if (argStart === -1) argStart = i;
        if (next === escapeChar) i += 1;
        continue;
      }
      switch (char) {
        case "'":
        case '"': {
          if (spaced) {
            this.#spaced(argStart, mark);
            argStart = i;
            spaced = false;
          }
          if (argStart === -1) argStart = i;
          const close = this.#closingQuote(i, char, escapeChar);
          if (close === -1) break loop;
          i = close.index;
          if (close.ends) {
            this.#push(argStart, close.index + 1);
            argStart = -1;
          }
          continue;
        }
        case ' ':
        case '\t':
          if (escaped) {
            if (argStart !== -1) spaced = true;
          } else if (argStart !== -1) {
            this.#push(argStart, i);
            argStart = -1;
          }
          continue;
        case '\r':
          i += 1;
          spaced = false;
          continue;
        case '\n':
          spaced = false;
          continue;
        case '#':
          if (escaped) {
            const newline = commentLineEnd(content, i + 1);
            if (newline !== -1) {
              i = newline;
              spaced = false;
              continue;
            }
            if (argStart !== -1) {
              this.#push(argStart, mark);
              argStart = -1;
            }
            break loop;
          }
          if (argStart === -1) argStart = i;
          continue;
        default: {
          if (spaced) {
            this.#spaced(argStart, mark);
            argStart = i;
            spaced = false;
          }
          escaped = false;
          if (argStart === -1) argStart = i;
          if (char !== '$' || content.charAt(i + 1) !== '{') continue;
          const after = this.#variableEnd(i, escapeChar);
          if (after === -1) break loop;
          i = after;
        }
      }
    }
    if (argStart !== -1 && argStart !== content.length) this.#push(argStart, endingEscape ? content.length - 1 : content.length);
    return this.args;
  }

  #spaced(argStart: number, mark: number): void {
    if (argStart !== -1) this.#push(argStart, mark);
  }

  /** The closing quote: `ends` when a blank or the end follows it (the argument ends there). -1 when unclosed. */
  #closingQuote(open: number, quote: string, escapeChar: string): { index: number; ends: boolean } | -1 {
    const content = this.#content;
    for (let j = open + 1; j < content.length; j += 1) {
      const char = content.charAt(j);
      if (char === quote) {
        const after = content.charAt(j + 1);
        return { index: j, ends: after === ' ' || after === '' };
      }
      if (char === escapeChar) j += 1;
    }
    return -1;
  }

  /** For `${…}`: the index to continue from (before a blank ending the argument, or the `}`), -1 when unclosed. */
  #variableEnd(dollar: number, escapeChar: string): number {
    const content = this.#content;
    let single = false;
    let double = false;
    let escaped = false;
    for (let j = dollar + 1; j < content.length; j += 1) {
      const char = content.charAt(j);
      if (char === escapeChar) escaped = true;
      else if (char === "'") [single, escaped] = [!single, false];
      else if (char === '"') [double, escaped] = [!double, false];
      else if (char === ' ' || char === '\t') {
        if (!escaped && !single && !double) return j - 1;
      } else if (char === '}') return j;
      else if (char !== '\r' && char !== '\n') escaped = false;
    }
    return -1;
  }
}
