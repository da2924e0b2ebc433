// Reads a JSON document for the VEX parsers: JSON.parse for the value, a small scanner for the
// exact position of a syntax error (V8 names none for some errors), and the `yaml` package's node
// ranges (JSON is YAML 1.2) to name the line and column of a field that fails validation.
import type { Result } from '../../core/index.ts';
import { LineIndex, PalisadeError, err, ok } from '../../core/index.ts';
import type { Node } from 'yaml';
import { parseDocument } from 'yaml';

/** A VEX document larger than this is refused (real ones are kilobytes). */
export const MAX_VEX_BYTES = 32 * 1024 * 1024;

export type JsonPath = readonly (string | number)[];

export interface JsonInput {
  readonly path: string;
  readonly value: unknown;
  /** 1-based line and column of the value at `at` (the closest existing parent when absent). */
  positionOf(at: JsonPath): { readonly line: number; readonly column: number };
  /** A PARSE_FAILED error naming the file, the position of `at`, and the JSON path. */
  error(at: JsonPath, message: string): PalisadeError;
}

export function readJson(path: string, text: string): Result<JsonInput, PalisadeError> {
  const lines = new LineIndex(text);
  const failAt = (offset: number, message: string): Result<never, PalisadeError> => {
    const { line, column } = lines.positionAt(offset);
    return err(new PalisadeError('PARSE_FAILED', `${path}:${line}:${column}: ${message}`, { position: { path, line, column } }));
  };
  if (text.length > MAX_VEX_BYTES) return failAt(0, `VEX document larger than ${MAX_VEX_BYTES} bytes.`);
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return failAt(jsonErrorOffset(body), `invalid JSON: ${message}`);
  }
  let document: ReturnType<typeof parseDocument> | undefined;
  const positionOf = (at: JsonPath): { line: number; column: number } => {
    document ??= parseDocument(body, { version: '1.2', uniqueKeys: false, strict: false });
    for (let length = at.length; length >= 0; length -= 1) {
      const node: unknown = document.getIn(at.slice(0, length), true);
      const offset = isNode(node) ? node.range?.[0] : undefined;
      if (offset !== undefined) return lines.positionAt(offset);
    }
    return { line: 1, column: 1 };
  };
  return ok({
    path,
    value,
    positionOf,
    error(at: JsonPath, message: string): PalisadeError {
      const { line, column } = positionOf(at);
      return new PalisadeError('PARSE_FAILED', `${path}:${line}:${column}: ${formatPath(at)}: ${message}`, { position: { path, line, column } });
    },
  });
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** `statements[2].products[0]["@id"]` */
export function formatPath(at: JsonPath): string {
  if (at.length === 0) return '(document)';
  return at.map((part, index) => (typeof part === 'number' ? `[${part}]` : /^[A-Za-z_][\w]*$/.test(part) ? `${index === 0 ? '' : '.'}${part}` : `[${JSON.stringify(part)}]`)).join('');
}

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'eof';

const SCALAR = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

function skip(text: string, index: number): number {
  WHITESPACE.lastIndex = index;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

function matchAt(pattern: RegExp, text: string, index: number): number {
  pattern.lastIndex = index;
  return pattern.exec(text) === null ? -1 : pattern.lastIndex;
}

/** The offset of the first JSON syntax error in `text` (iterative: deep nesting cannot overflow). */
export function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    i = skip(text, i);
    const step = advance(text, i, expect, stack);
    if (step === undefined) return Math.min(i, text.length);
    if (step.expect === 'eof' && stack.length === 0 && skip(text, step.index) >= text.length) return text.length;
    [i, expect] = [step.index, step.expect];
  }
}

function after(stack: readonly string[]): Expect {
  return stack.length === 0 ? 'eof' : 'comma-or-end';
}

function advance(text: string, i: number, expect: Expect, stack: string[]): { index: number; expect: Expect } | undefined {
  const char = text[i];
  const closer = stack.at(-1) === '{' ? '}' : ']';
  if ((expect === 'value-or-end' && char === ']') || (expect === 'key-or-end' && char === '}') || (expect === 'comma-or-end' && char === closer)) {
    stack.pop();
    return { index: i + 1, expect: after(stack) };
  }
  if (expect === 'comma-or-end') return char === ',' ? { index: i + 1, expect: closer === '}' ? 'key' : 'value' } : undefined;
  if (expect === 'colon') return char === ':' ? { index: i + 1, expect: 'value' } : undefined;
  if (expect === 'key' || expect === 'key-or-end') {
    const end = matchAt(STRING, text, i);
    return end === -1 ? undefined : { index: end, expect: 'colon' };
  }
  if (expect === 'eof') return undefined;
  if (char === '{' || char === '[') {
    stack.push(char);
    return { index: i + 1, expect: char === '{' ? 'key-or-end' : 'value-or-end' };
  }
  const end = matchAt(SCALAR, text, i);
  return end === -1 ? undefined : { index: end, expect: after(stack) };
}
