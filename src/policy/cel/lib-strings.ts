/**
 * The cel-go strings extension functions `@marcbachmann/cel-js` lacks: `charAt`, `replace`,
 * `format`, `reverse` and `strings.quote` (Kubernetes ships strings extension version 2+).
 * Indexes count Unicode code points, as in cel-go.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { chargeSize } from './cost.ts';
import { celToString, fail, formatDouble, quoteString, toIndex } from './support.ts';

class StringsNamespace {}

export function registerStrings(env: Environment): void {
  env.registerType('StringsNamespace', StringsNamespace);
  env.registerConstant('strings', 'StringsNamespace', new StringsNamespace());
  env.registerFunction('StringsNamespace.quote(string): string', (_ns: unknown, s: string) => {
    chargeSize(s.length);
    return quoteString(s);
  });
  env.registerFunction('string.charAt(int): string', charAt);
  env.registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) =>
    replace(s, from, to, -1n),
  );
  env.registerFunction('string.replace(string, string, int): string', replace);
  env.registerFunction('string.reverse(): string', (s: string) => {
    chargeSize(s.length);
    return [...s].reverse().join('');
  });
  env.registerFunction('string.format(list): string', formatString);
}

function charAt(s: string, index: bigint): string {
  chargeSize(s.length);
  const chars = [...s];
  const i = toIndex(index, 'charAt index');
  if (i < 0 || i > chars.length) fail(`index out of range: ${index}`);
  return chars[i] ?? '';
}

function replace(s: string, from: string, to: string, limit: bigint): string {
  chargeSize(s.length);
  const max = limit < 0n ? Number.POSITIVE_INFINITY : toIndex(limit, 'replace limit');
  const occurrences = Math.min(max, from === '' ? [...s].length + 1 : s.split(from).length - 1);
  chargeSize(s.length + occurrences * Math.max(0, to.length - from.length));
  return from === '' ? insertBetweenChars(s, to, max) : replaceOccurrences(s, from, to, max);
}

/** Go's `strings.Replace` with an empty `old`: `to` before every code point and at the end. */
function insertBetweenChars(s: string, to: string, max: number): string {
  let out = '';
  let count = 0;
  for (const ch of s) {
    if (count < max) out += to;
    count += 1;
    out += ch;
  }
  return count < max ? out + to : out;
}

function replaceOccurrences(s: string, from: string, to: string, max: number): string {
  let out = '';
  let pos = 0;
  let count = 0;
  while (count < max) {
    const at = s.indexOf(from, pos);
    if (at < 0) break;
    out += s.slice(pos, at) + to;
    pos = at + from.length;
    count += 1;
  }
  return out + s.slice(pos);
}

// --- format -------------------------------------------------------------------------------------

const CLAUSE = /%(?:\.(\d+))?([a-zA-Z%])?/g;

function formatString(template: string, args: readonly unknown[]): string {
  chargeSize(template.length + args.length);
  let argIndex = 0;
  const result = template.replace(CLAUSE, (_match, precision: string | undefined, verb: string | undefined) => {
    if (verb === '%') return '%';
    if (verb === undefined) return fail('could not parse formatting clause: unrecognized formatting clause');
    if (argIndex >= args.length) return fail(`index ${argIndex} out of range`);
    const arg = args[argIndex];
    argIndex += 1;
    return formatClause(verb, precision === undefined ? undefined : Number(precision), arg);
  });
  chargeSize(result.length);
  return result;
}

function formatClause(verb: string, precision: number | undefined, arg: unknown): string {
  switch (verb) {
    case 's':
      return celToString(arg);
    case 'd':
      return formatInteger(arg, 10, 'decimal');
    case 'f':
      return formatFixed(arg, precision ?? 6);
    case 'e':
      return formatScientific(arg, precision ?? 6);
    case 'b':
      return formatInteger(typeof arg === 'boolean' ? BigInt(arg) : arg, 2, 'binary');
    case 'o':
      return formatInteger(arg, 8, 'octal');
    case 'x':
      return formatHex(arg);
    case 'X':
      return formatHex(arg).toUpperCase();
    default:
      return fail(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
  }
}

function formatInteger(arg: unknown, radix: number, name: string): string {
  if (typeof arg === 'bigint') return arg.toString(radix);
  const unsigned = unsignedValue(arg);
  if (unsigned !== undefined) return unsigned.toString(radix);
  return fail(`error during formatting: ${name} clause can only be used on integers, was given ${typeName(arg)}`);
}

function formatFixed(arg: unknown, precision: number): string {
  const value = numericValue(arg, 'fixed-point');
  if (!Number.isFinite(value)) return formatDouble(value);
  return value.toFixed(precision);
}

function formatScientific(arg: unknown, precision: number): string {
  const value = numericValue(arg, 'scientific');
  if (!Number.isFinite(value)) return formatDouble(value);
  return value.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatHex(arg: unknown): string {
  if (typeof arg === 'string') return Buffer.from(arg, 'utf8').toString('hex');
  if (arg instanceof Uint8Array) return Buffer.from(arg).toString('hex');
  return formatInteger(arg, 16, 'hex');
}

function numericValue(arg: unknown, name: string): number {
  if (typeof arg === 'number') return arg;
  if (typeof arg === 'bigint') return Number(arg);
  const unsigned = unsignedValue(arg);
  if (unsigned !== undefined) return Number(unsigned);
  return fail(`error during formatting: ${name} clause can only be used on numbers, was given ${typeName(arg)}`);
}

function unsignedValue(arg: unknown): bigint | undefined {
  if (arg === null || typeof arg !== 'object' || arg.constructor.name !== 'UnsignedInt') return undefined;
  if (!('value' in arg)) return undefined;
  return typeof arg.value === 'bigint' ? arg.value : undefined;
}

function typeName(arg: unknown): string {
  if (typeof arg === 'number') return 'double';
  if (typeof arg === 'string') return 'string';
  if (typeof arg === 'boolean') return 'bool';
  if (Array.isArray(arg)) return 'list';
  if (arg === null) return 'null_type';
  return typeof arg === 'object' ? 'map' : typeof arg;
}
