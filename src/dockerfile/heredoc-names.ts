/**
 * The name of a here-document operator as `dockerfile-ast`'s `Instruction.getNameRange` and
 * `getName` read it (quotes, escaped line breaks), ported with their control flow (heredoc.ts).
 */
import type { LexedArgument, OffsetText } from './lexer-arguments.ts';

export function nameOf(source: OffsetText, arg: LexedArgument): string {
  const range = nameRange(source, arg);
  return nameIn(source.text.substring(range.start, range.end), source.escapeChar);
}

/** `getNameRange`: the name inside the operator (`EOF` of `<<-"EOF"`). */
function nameRange(source: OffsetText, arg: LexedArgument): { start: number; end: number } {
  const content = source.text.substring(arg.start, arg.end);
  const found = nameBounds(content, source.escapeChar);
  if (found.start === -1) return { start: arg.end, end: arg.end };
  return { start: source.at(arg.start + found.start), end: found.quoted ? source.at(arg.start + found.end) : arg.end };
}

/** The loop of `getNameRange`, on the operator's text. */
function nameBounds(content: string, escapeChar: string): { start: number; end: number; quoted: boolean } {
  let lessThan = false;
  let searchHyphen = false;
  let start = -1;
  let end = -1;
  let escaping = false;
  let quote: string | undefined;
  for (let i = 0; i < content.length; i += 1) {
    const char = content.charAt(i);
    if (char === '"' || char === "'") {
      if (quote === char) break;
      quote = char;
      continue;
    }
    if (char === escapeChar) {
      if (content.indexOf('\n', i + 1) !== -1) escaping = true;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (char === '<') {
      if (lessThan) searchHyphen = true;
      else lessThan = true;
      continue;
    }
    if (char === '-' && searchHyphen) {
      searchHyphen = false;
      continue;
    }
    if ((char === '-' || char === '#') && escaping) {
      const newline = content.indexOf('\n', i + 1);
      if (newline !== -1) {
        i = newline;
        continue;
      }
    }
    if (start === -1) start = i;
    if (quote === undefined) break;
    end = i + 1;
  }
  return { start, end, quoted: quote !== undefined };
}

/** `getName`: the name's text without escaped line breaks (and, once escaping, without blanks and comments). */
function nameIn(content: string, escapeChar: string): string {
  let escaping = false;
  let name = '';
  for (let i = 0; i < content.length; i += 1) {
    const char = content.charAt(i);
    if (char === escapeChar) {
      escaping = true;
      i = escapedNameChar(content, i, (kept) => {
        name += kept;
      });
      continue;
    }
    if (char === '#' && escaping) {
      const newline = content.indexOf('\n', i + 1);
      if (newline !== -1) {
        i = newline;
        continue;
      }
    }
    const blank = char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '#';
    if (blank && escaping) continue;
    name += char;
  }
  return name;
}

/** After an escape character in a name: skips blanks; a line break is dropped, any other character kept. */
function escapedNameChar(content: string, i: number, keep: (char: string) => void): number {
  for (let j = i + 1; j < content.length; j += 1) {
    const char = content.charAt(j);
    if (char === ' ' || char === '\t') continue;
    if (char === '\r') return j + 1;
    if (char !== '\n') keep(char);
    return j;
  }
  return i;
}
