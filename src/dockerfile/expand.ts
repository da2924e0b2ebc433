/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}` and `${VAR+word}` in one word
 * (a FROM image reference), removes quotes, and keeps for each output character the span of the input
 * it came from, so positions in the result map back to the file.
 */
export interface Expansion {
  readonly text: string;
  /** `starts[i]`/`ends[i]`: the input span of output character `i` (a substituted value maps to its whole variable). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** True when a variable had no value (it is left as written in `text`). */
  readonly unresolved: boolean;
}

/** Variable values in scope; `undefined` (or absent) means the value is unknown. */
export type VariableScope = ReadonlyMap<string, string | undefined>;

interface Builder {
  text: string;
  starts: number[];
  ends: number[];
  unresolved: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expandWord(word: string, scope: VariableScope, escapeChar: string): Expansion {
  const out: Builder = { text: '', starts: [], ends: [], unresolved: false };
  let quote: '"' | undefined;
  let index = 0;
  while (index < word.length) {
    const char = word.charAt(index);
    if (char === escapeChar && index + 1 < word.length) {
      push(out, word.charAt(index + 1), index, index + 2);
      index += 2;
    } else if (char === '"') {
      quote = quote === undefined ? '"' : undefined;
      index += 1;
    } else if (char === "'" && quote === undefined) {
      index = singleQuoted(word, index, out);
    } else if (char === '$') {
      index = variable(word, index, scope, escapeChar, out);
    } else {
      push(out, char, index, index + 1);
      index += 1;
    }
  }
  return out;
}

function push(out: Builder, text: string, start: number, end: number): void {
  out.text += text;
  for (let i = 0; i < text.length; i += 1) {
    out.starts.push(start);
    out.ends.push(end);
  }
}

function singleQuoted(word: string, start: number, out: Builder): number {
  const close = word.indexOf("'", start + 1);
  const end = close === -1 ? word.length : close;
  for (let i = start + 1; i < end; i += 1) push(out, word.charAt(i), i, i + 1);
  return close === -1 ? word.length : close + 1;
}

/** Handles the `$` at `start`; returns the index after the variable. */
function variable(word: string, start: number, scope: VariableScope, escapeChar: string, out: Builder): number {
  if (word[start + 1] === '{') return braced(word, start, scope, escapeChar, out);
  const name = NAME.exec(word.slice(start + 1))?.[0];
  if (name === undefined) {
    push(out, '$', start, start + 1);
    return start + 1;
  }
  const end = start + 1 + name.length;
  const value = scope.get(name);
  if (value === undefined) unresolvedVariable(word, start, end, out);
  else push(out, value, start, end);
  return end;
}

function braced(word: string, start: number, scope: VariableScope, escapeChar: string, out: Builder): number {
  const close = closingBrace(word, start + 2);
  if (close === -1) {
    unresolvedVariable(word, start, word.length, out);
    return word.length;
  }
  const end = close + 1;
  const body = word.slice(start + 2, close);
  const value = resolveBraced(body, scope, escapeChar);
  if (value === undefined) unresolvedVariable(word, start, end, out);
  else push(out, value, start, end);
  return end;
}

function closingBrace(word: string, from: number): number {
  let depth = 1;
  for (let i = from; i < word.length; i += 1) {
    if (word[i] === '{') depth += 1;
    if (word[i] === '}') depth -= 1;
    if (depth === 0) return i;
  }
  return -1;
}

/** The value of `${body}`, or undefined when it cannot be known. */
function resolveBraced(body: string, scope: VariableScope, escapeChar: string): string | undefined {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) return undefined;
  const value = scope.get(name);
  const rest = body.slice(name.length);
  if (rest === '') return value;
  const operator = /^:?[-+]/.exec(rest)?.[0];
  if (operator === undefined) return undefined;
  const alternative = expandWord(rest.slice(operator.length), scope, escapeChar);
  if (alternative.unresolved) return undefined;
  const empty = operator.startsWith(':') ? value === undefined || value === '' : value === undefined;
  if (operator.endsWith('-')) return empty ? alternative.text : value;
  if (value === undefined) return undefined;
  return empty ? '' : alternative.text;
}

function unresolvedVariable(word: string, start: number, end: number, out: Builder): void {
  out.unresolved = true;
  push(out, word.slice(start, end), start, end);
}
