// Where a JSON text first goes wrong: JSON.parse names no position for some errors, so this scanner
// (run only after JSON.parse failed) finds the offset and a short reason. Iterative: deep nesting is safe.

export interface JsonSyntaxProblem {
  /** 0-based offset of the offending character (the text length for an early end). */
  readonly offset: number;
  readonly reason: string;
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function skipSpace(text: string, at: number): number {
  let index = at;
  while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index += 1;
  return index;
}

function describe(text: string, at: number): string {
  if (at >= text.length) return 'unexpected end of input';
  return `unexpected character ${JSON.stringify(text.charAt(at))}`;
}

/** The end of the string starting at `at` (a quote), or the problem inside it. */
function scanString(text: string, at: number): number | JsonSyntaxProblem {
  let index = at + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '"') return index + 1;
    if (char.charCodeAt(0) < 0x20) return { offset: index, reason: 'control character in string' };
    if (char !== '\\') {
      index += 1;
      continue;
    }
    const next = text.charAt(index + 1);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) index += 6;
    else if (ESCAPES.has(next)) index += 2;
    else return { offset: index, reason: 'invalid escape in string' };
  }
  return { offset: text.length, reason: 'unterminated string' };
}

/** The end of the scalar at `at`, or a problem. */
function scanScalar(text: string, at: number): number | JsonSyntaxProblem {
  const char = text.charAt(at);
  if (char === '"') return scanString(text, at);
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, at)) return at + word.length;
  NUMBER.lastIndex = at;
  if ((char === '-' || (char >= '0' && char <= '9')) && NUMBER.test(text)) return NUMBER.lastIndex;
  return { offset: at, reason: describe(text, at) };
}

/** The first syntax problem in `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  const stack: string[] = [];
  let expect: Expect = 'value';
  let index = skipSpace(text, 0);
  while (index < text.length) {
    const char = text.charAt(index);
    const closer = stack.at(-1) === '{' ? '}' : ']';
    if ((expect === 'value-or-close' || expect === 'key-or-close' || expect === 'comma-or-close') && char === closer) {
      stack.pop();
      expect = 'comma-or-close';
      index += 1;
    } else if (expect === 'comma-or-close' && char === ',' && stack.length > 0) {
      expect = stack.at(-1) === '{' ? 'key' : 'value';
      index += 1;
    } else if (expect === 'colon' && char === ':') {
      expect = 'value';
      index += 1;
    } else if ((expect === 'key' || expect === 'key-or-close') && char === '"') {
      const end = scanString(text, index);
      if (typeof end !== 'number') return end;
      expect = 'colon';
      index = end;
    } else if ((expect === 'value' || expect === 'value-or-close') && (char === '{' || char === '[')) {
      stack.push(char);
      expect = char === '{' ? 'key-or-close' : 'value-or-close';
      index += 1;
    } else if (expect === 'value' || expect === 'value-or-close') {
      const end = scanScalar(text, index);
      if (typeof end !== 'number') return end;
      expect = 'comma-or-close';
      index = end;
    } else {
      return { offset: index, reason: describe(text, index) };
    }
    if (stack.length === 0 && expect === 'comma-or-close') break;
    index = skipSpace(text, index);
  }
  if (stack.length > 0 || expect !== 'comma-or-close') return { offset: text.length, reason: 'unexpected end of input' };
  const rest = skipSpace(text, index);
  return rest < text.length ? { offset: rest, reason: `${describe(text, rest)} after the JSON value` } : undefined;
}
