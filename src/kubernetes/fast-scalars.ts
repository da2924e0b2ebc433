import { isScalar, parseDocument } from 'yaml';
import type { JsonValue } from './json.ts';
import { toJsonValue } from './json.ts';
import { YAML_OPTIONS } from './yaml-options.ts';

/**
 * Scalar values for the fast loader, exactly as the `yaml` library resolves them: any text that
 * could be more than a plain string (a number, a YAML 1.1 boolean or null, an escape sequence) is
 * resolved by the library itself, once per distinct text.
 */
const resolved = new Map<string, JsonValue | typeof UNSURE>();
const MAX_CACHED = 20_000;
const UNSURE = Symbol('unsure');

/** The value of a plain scalar's text (single line, already cut at comments and trimmed), or UNSURE. */
export function plainValue(text: string): JsonValue | typeof UNSURE {
  const first = text.charCodeAt(0);
  // Only YAML 1.1 boolean and null words start with a letter and are not strings; numbers start with a digit, sign, dot or `~`.
  if (isLetter(first) ? !(text.length <= 5 && WORDS.test(text)) : !isNumberStart(first)) return text;
  // Starting like a document marker (`---`, `...`, never a number): the library would read it as one.
  if (text.startsWith('---') || text.startsWith('...')) return text;
  return viaLibrary(text, 'PLAIN');
}

/** The value of a double-quoted scalar's source text (quotes included, one line). */
export function doubleQuotedValue(source: string): JsonValue | typeof UNSURE {
  if (!source.includes('\\')) return source.slice(1, -1);
  return viaLibrary(source, 'QUOTE_DOUBLE');
}

/** The value of a double-quoted scalar that spans lines (folding and escaped line breaks are the library's). */
export function multilineDoubleQuotedValue(source: string): JsonValue | typeof UNSURE {
  return viaLibrary(source, 'QUOTE_DOUBLE');
}

export { UNSURE };

function viaLibrary(source: string, type: 'PLAIN' | 'QUOTE_DOUBLE'): JsonValue | typeof UNSURE {
  const cached = resolved.get(source);
  if (cached !== undefined) return cached;
  const document = parseDocument(source, YAML_OPTIONS);
  const { contents } = document;
  const value = document.errors.length === 0 && isScalar(contents) && contents.type === type ? toJsonValue(document.toJS()) : UNSURE;
  if (resolved.size >= MAX_CACHED) resolved.clear();
  resolved.set(source, value);
  return value;
}

/** The YAML 1.1 boolean and null words (the `yaml` library's `bool` and `null` tags), resolved by the library. */
const WORDS = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON|N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF|[Nn]ull|NULL)$/;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNumberStart(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46 || code === 126;
}

/**
 * The lines of a block scalar: each line's indentation (spaces) and the rest of the line, by index.
 * Arrays reused from one block scalar to the next: only the first `count` entries are the scalar's.
 */
export interface BlockLines {
  readonly indents: number[];
  readonly contents: string[];
}

/**
 * The value of a literal (`|`) or folded (`>`) block scalar with clip or strip chomping, from its
 * first `count` lines (trailing empty lines already left out), the way the `yaml` library's
 * resolver folds them.
 */
export function blockScalarValue(folded: boolean, strip: boolean, lines: BlockLines, count: number, trimIndent: number): string {
  const { indents, contents } = lines;
  let value = '';
  let separator = '';
  let previousMoreIndented = false;
  let start = 0;
  // Leading empty lines are kept as they are.
  for (; start < count && contents[start] === ''; start += 1) value += `${' '.repeat(Math.max(0, (indents[start] ?? 0) - trimIndent))}\n`;
  for (let index = start; index < count; index += 1) {
    const indent = indents[index] ?? 0;
    const content = contents[index] ?? '';
    const kept = indent > trimIndent ? ' '.repeat(indent - trimIndent) : '';
    if (!folded) {
      value += separator + kept + content;
      separator = '\n';
    } else if (indent > trimIndent) {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + kept + content;
      separator = '\n';
      previousMoreIndented = true;
    } else if (content === '') {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + content;
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  return strip ? value : `${value}\n`;
}
