/** One string of a JSON (exec form) array, with its span (quotes included) in the scanned text. */
export interface ExecString {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const JSON_WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Reads `text` as Docker does for RUN, CMD, ENTRYPOINT, ADD, COPY: a JSON array of strings is the exec
 * form; anything else (including a malformed array) is undefined, meaning the shell form.
 */
export function parseExecForm(text: string): ExecString[] | undefined {
  let index = skipWhitespace(text, 0);
  if (text[index] !== '[') return undefined;
  index = skipWhitespace(text, index + 1);
  const strings: ExecString[] = [];
  if (text[index] === ']') return onlyWhitespaceAfter(text, index + 1) ? strings : undefined;
  for (;;) {
    const item = readString(text, index);
    if (item === undefined) return undefined;
    strings.push(item);
    index = skipWhitespace(text, item.end);
    if (text[index] === ']') return onlyWhitespaceAfter(text, index + 1) ? strings : undefined;
    if (text[index] !== ',') return undefined;
    index = skipWhitespace(text, index + 1);
  }
}

function readString(text: string, start: number): ExecString | undefined {
  if (text[start] !== '"') return undefined;
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  if (index >= text.length) return undefined;
  const end = index + 1;
  const value = decodeJsonString(text.slice(start, end));
  return value === undefined ? undefined : { value, start, end };
}

function decodeJsonString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function skipWhitespace(text: string, start: number): number {
  let index = start;
  while (index < text.length && JSON_WHITESPACE.has(text.charAt(index))) index += 1;
  return index;
}

function onlyWhitespaceAfter(text: string, start: number): boolean {
  return skipWhitespace(text, start) === text.length;
}
