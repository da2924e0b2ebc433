/**
 * Kubernetes quantity library: `quantity()`, `isQuantity()`, `sign`, `isInteger`, `asInteger`,
 * `asApproximateFloat`, `add`, `sub`, `compareTo`, `isGreaterThan`, `isLessThan`. Values are exact
 * rationals (BigInt numerator / denominator), so `quantity('1Gi') == quantity('1073741824')`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { fail } from './support.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_EXPONENT = 100;

export class Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
  readonly source: string;

  constructor(numerator: bigint, denominator: bigint, source: string) {
    const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator);
    this.numerator = divisor > 1n ? numerator / divisor : numerator;
    this.denominator = divisor > 1n ? denominator / divisor : denominator;
    this.source = source;
  }

  compareTo(other: unknown): bigint {
    if (!(other instanceof Quantity)) return fail('no such overload: compareTo needs a quantity');
    const left = this.numerator * other.denominator;
    const right = other.numerator * this.denominator;
    return left < right ? -1n : left > right ? 1n : 0n;
  }

  equals(other: unknown): boolean {
    return other instanceof Quantity && this.compareTo(other) === 0n;
  }

  toString(): string {
    return this.source;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?\d+))$/;
const BINARY: Readonly<Record<string, bigint>> = { Ki: 1n, Mi: 2n, Gi: 3n, Ti: 4n, Pi: 5n, Ei: 6n };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export function parseQuantity(source: string): Quantity | undefined {
  if (source.length > 256) return undefined;
  const match = QUANTITY.exec(source);
  if (match === null) return undefined;
  const [, sign = '', digits = '', binary, decimal, exponent] = match;
  const [whole = '', fraction = ''] = digits.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  if (binary !== undefined) numerator *= 1024n ** (BINARY[binary] ?? 0n);
  const power = exponent !== undefined ? Number(exponent) : (DECIMAL[decimal ?? ''] ?? 0);
  if (Math.abs(power) > MAX_EXPONENT) return undefined;
  if (power >= 0) numerator *= 10n ** BigInt(power);
  else denominator *= 10n ** BigInt(-power);
  return new Quantity(sign === '-' ? -numerator : numerator, denominator, source);
}

function toQuantity(value: Quantity | bigint): Quantity {
  return typeof value === 'bigint' ? new Quantity(value, 1n, value.toString()) : value;
}

function combine(a: Quantity, b: Quantity | bigint, sign: 1n | -1n): Quantity {
  const other = toQuantity(b);
  const numerator = a.numerator * other.denominator + sign * other.numerator * a.denominator;
  const denominator = a.denominator * other.denominator;
  const result = new Quantity(numerator, denominator, '');
  return new Quantity(result.numerator, result.denominator, formatRational(result));
}

function formatRational(q: Quantity): string {
  if (q.denominator === 1n) return q.numerator.toString();
  return String(Number(q.numerator) / Number(q.denominator));
}

function asInteger(q: Quantity): bigint {
  if (q.denominator !== 1n || q.numerator < INT64_MIN || q.numerator > INT64_MAX) {
    return fail('cannot convert value to integer');
  }
  return q.numerator;
}

export function registerQuantity(env: Environment): void {
  env.registerType('Quantity', Quantity);
  env.registerFunction('quantity(string): Quantity', (s: string) => parseQuantity(s) ?? fail(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${s}`));
  env.registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined);
  env.registerFunction('Quantity.sign(): int', (q: Quantity) => (q.numerator > 0n ? 1n : q.numerator < 0n ? -1n : 0n));
  env.registerFunction('Quantity.isInteger(): bool', (q: Quantity) => q.denominator === 1n && q.numerator >= INT64_MIN && q.numerator <= INT64_MAX);
  env.registerFunction('Quantity.asInteger(): int', asInteger);
  env.registerFunction('Quantity.asApproximateFloat(): double', (q: Quantity) => Number(q.numerator) / Number(q.denominator));
  env.registerFunction('Quantity.add(Quantity): Quantity', (a: Quantity, b: Quantity) => combine(a, b, 1n));
  env.registerFunction('Quantity.add(int): Quantity', (a: Quantity, b: bigint) => combine(a, b, 1n));
  env.registerFunction('Quantity.sub(Quantity): Quantity', (a: Quantity, b: Quantity) => combine(a, b, -1n));
  env.registerFunction('Quantity.sub(int): Quantity', (a: Quantity, b: bigint) => combine(a, b, -1n));
  env.registerFunction('Quantity.compareTo(Quantity): int', (a: Quantity, b: Quantity) => a.compareTo(b));
  env.registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compareTo(b) > 0n);
  env.registerFunction('Quantity.isLessThan(Quantity): bool', (a: Quantity, b: Quantity) => a.compareTo(b) < 0n);
  env.registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => a.equals(b));
}
