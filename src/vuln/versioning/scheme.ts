import type { Result } from '../../core/index.ts';
import { err, nullThrows, ok } from '../../core/index.ts';

/** The version orderings Palisade implements; each lives in its own module. */
export const SCHEME_IDS = ['apk', 'cran', 'dpkg', 'go', 'hackage', 'maven', 'nuget', 'packagist', 'pep440', 'pub', 'rpm', 'rubygems', 'semver'] as const;

export type SchemeId = (typeof SCHEME_IDS)[number];

/** Why a text is not a version of a scheme; `column` is 1-based, where parsing stopped. */
export interface ParseProblem {
  readonly reason: string;
  readonly column: number;
}

/** A version parsed by one scheme. Opaque: compare it only with versions of the same scheme. */
export interface Version {
  readonly scheme: SchemeId;
  readonly text: string;
  /** Set when the scheme's own tool accepts the version with a warning (and orders it anyway). */
  readonly warning?: string;
}

/** What a scheme module declares: a parser into its own model and a total order on that model. */
export interface SchemeSpec<V> {
  readonly id: SchemeId;
  readonly parse: (text: string) => Result<V, ParseProblem>;
  /** Negative, zero or positive; a total preorder (equal versions may differ in text). */
  readonly compare: (a: V, b: V) => number;
  /** Why the reference tool would warn about a version it still orders, if it would. */
  readonly warning?: (model: V) => string | undefined;
}

/** The one interface every scheme exposes, whatever its model. */
export interface VersionScheme {
  readonly id: SchemeId;
  readonly parse: (text: string) => Result<Version, ParseProblem>;
  /** Throws (a bug) when either version was not parsed by this scheme. */
  readonly compare: (a: Version, b: Version) => number;
}

/** Wraps a scheme module behind the common interface; the model stays private to the module. */
export function defineScheme<V>(spec: SchemeSpec<V>): VersionScheme {
  const models = new WeakMap<Version, V>();
  const modelOf = (version: Version): V => nullThrows(models.get(version), `version "${version.text}" was not parsed by the ${spec.id} scheme`);
  return Object.freeze({
    id: spec.id,
    parse(text: string): Result<Version, ParseProblem> {
      const parsed = spec.parse(text);
      if (!parsed.ok) return parsed;
      const warning = spec.warning?.(parsed.value);
      const version: Version = Object.freeze(warning === undefined ? { scheme: spec.id, text } : { scheme: spec.id, text, warning });
      models.set(version, parsed.value);
      return ok(version);
    },
    compare: (a: Version, b: Version): number => Math.sign(spec.compare(modelOf(a), modelOf(b))) || 0,
  });
}

export function problem(reason: string, column: number): Result<never, ParseProblem> {
  return err({ reason, column });
}

/** Compares two unsigned decimal digit strings of any length (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return compareStrings(x, y);
}

export function stripZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits[start] === '0') start += 1;
  return digits.slice(start);
}

/** Ordinal (code unit) comparison, like C's strcmp on ASCII. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

export function isAsciiLetter(char: string | undefined): boolean {
  return char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z'));
}

/** Longest safe input: versions are short; a megabyte "version" is hostile data, not a version. */
export const MAX_VERSION_LENGTH = 1024;

/** Shared guards every scheme applies first: not empty, not huge, no control characters. */
export function checkText(text: string): ParseProblem | undefined {
  if (text.length === 0) return { reason: 'empty version', column: 1 };
  if (text.length > MAX_VERSION_LENGTH) return { reason: `version longer than ${MAX_VERSION_LENGTH} characters`, column: MAX_VERSION_LENGTH + 1 };
  const control = /[\u0000-\u001f\u007f]/.exec(text);
  if (control !== null) return { reason: 'control character in version', column: control.index + 1 };
  return undefined;
}
