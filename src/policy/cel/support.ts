/** Helpers shared by the CEL libraries: runtime errors, CEL equality and ordering, value printing. */
import { RE2JS } from 're2js';
import { chargeSize } from './cost.ts';

/** Thrown by library functions; the engine reports it as a runtime error of the expression. */
export class CelRuntimeError extends Error {
  /** Set by the engine to the range of the call that failed. */
  range: { readonly start: number; readonly end: number } | undefined;

  constructor(message: string) {
    super(message);
    this.name = 'CelRuntimeError';
  }
}

export function fail(message: string): never {
  throw new CelRuntimeError(message);
}

export function toIndex(value: bigint, what: string): number {
  if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${what} out of range`);
  return Number(value);
}

const regexCache = new Map<string, RE2JS>();

/** Why RE2 refuses `pattern`, or undefined when it compiles. */
export function regexSyntaxError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return `invalid regular expression '${pattern}': ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** RE2 semantics (linear time), as CEL requires; compiled patterns are cached. */
export function compileRegex(pattern: string): RE2JS {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  chargeSize(pattern.length);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`invalid regular expression '${pattern}': ${reason}`);
  }
  if (regexCache.size > 1_000) regexCache.clear();
  regexCache.set(pattern, compiled);
  return compiled;
}

function isNumber(value: unknown): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

function numericCompare(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

function unwrapUint(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && value.constructor.name === 'UnsignedInt' && 'value' in value) {
    return value.value;
  }
  return value;
}

/** CEL equality: numbers compare across int/uint/double; lists and maps deeply; custom types by `equals`. */
export function celEquals(left: unknown, right: unknown): boolean {
  const a = unwrapUint(left);
  const b = unwrapUint(right);
  if (isNumber(a) && isNumber(b)) return numericCompare(a, b) === 0;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => celEquals(item, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if ('equals' in a && typeof a.equals === 'function') return a.equals(b) === true;
  return mapEquals(a, b);
}

function mapEquals(a: object, b: object): boolean {
  const left = entriesOf(a);
  const right = entriesOf(b);
  if (left === undefined || right === undefined || left.size !== right.size) return false;
  for (const [key, value] of left) {
    if (!right.has(key) || !celEquals(value, right.get(key))) return false;
  }
  return true;
}

function entriesOf(value: object): Map<unknown, unknown> | undefined {
  if (value instanceof Map) return new Map<unknown, unknown>(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  return new Map<unknown, unknown>(Object.entries(value));
}

/** Ordering of comparable CEL values (numbers, strings, bools, bytes); throws for anything else. */
export function celCompare(left: unknown, right: unknown): number {
  const a = unwrapUint(left);
  const b = unwrapUint(right);
  if (isNumber(a) && isNumber(b)) return numericCompare(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a !== null && typeof a === 'object' && 'compareTo' in a && typeof a.compareTo === 'function') {
    return Number(a.compareTo(b));
  }
  return fail(`no such overload: values of types ${celTypeName(a)} and ${celTypeName(b)} are not comparable`);
}

export function celTypeName(value: unknown): string {
  if (value === null) return 'null_type';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'object') return value instanceof Map || Object.getPrototypeOf(value) === Object.prototype ? 'map' : value.constructor.name;
  return typeof value;
}

/** The `%s` rendering of a value (cel-go's string formatting). */
export function celToString(value: unknown): string {
  const v = unwrapUint(value);
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatDouble(v);
  if (Array.isArray(v)) return `[${v.map(celToQuoted).join(', ')}]`;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (typeof v !== 'object') return String(v);
  const entries = entriesOf(v);
  if (entries === undefined) return String(v);
  const parts = [...entries].map(([key, item]) => `${celToQuoted(key)}: ${celToQuoted(item)}`);
  return `{${parts.sort().join(', ')}}`;
}

function celToQuoted(value: unknown): string {
  return typeof value === 'string' ? quoteString(value) : celToString(value);
}

export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value);
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** `strings.quote`: a double-quoted string with Go-style escapes; lone surrogates become U+FFFD. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const escape = QUOTE_ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD';
    else out += ch;
  }
  return `${out}"`;
}
