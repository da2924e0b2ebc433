// SemVer 2.0.0 precedence (https://semver.org/#spec-item-11), for npm, crates.io, Hex and the
// other SemVer ecosystems. Lenient where OSV's data is: an optional `v`, any number of numeric
// components (missing ones are 0), leading zeros. Numbers are compared as digit strings, so
// components beyond 2^53 order correctly (the `semver` package rejects them; it is the oracle in
// the tests for everything it accepts).
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, compareStrings, defineScheme, problem } from './scheme.ts';

export interface SemverModel {
  readonly release: readonly string[];
  readonly prerelease: readonly string[];
  readonly build: readonly string[];
}

const SHAPE = /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseSemver(text: string): Result<SemverModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  const match = SHAPE.exec(text);
  if (match === null) return problem('not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', firstBadColumn(text));
  const [, release = '', prerelease, build] = match;
  return ok({ release: release.split('.'), prerelease: prerelease?.split('.') ?? [], build: build?.split('.') ?? [] });
}

/** Where the text stops looking like SemVer (1-based), for the error message. */
function firstBadColumn(text: string): number {
  const start = /^[vV]?\d+(?:\.\d+)*/.exec(text);
  if (start === null) return 1;
  const bad = /[^0-9A-Za-z.+-]|\.\.|\.$|-$|\+$|[.+-][.+]|\+.*\+/.exec(text.slice(start[0].length));
  return start[0].length + (bad?.index ?? 0) + 1;
}

export function compareRelease(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareDigits(a[index] ?? '0', b[index] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/** Dot-separated identifiers: numeric < alphanumeric, numbers by value, text by ASCII; a prefix is lower. */
export function compareIdentifiers(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareIdentifier(a[index] ?? '', b[index] ?? '');
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

function compareIdentifier(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return compareDigits(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return compareStrings(a, b);
}

/** A version with a prerelease sorts before the same version without one. */
export function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return Math.sign(b.length - a.length);
  return compareIdentifiers(a, b);
}

export function compareSemver(a: SemverModel, b: SemverModel): number {
  return compareRelease(a.release, b.release) || comparePrerelease(a.prerelease, b.prerelease);
}

export const semverScheme = defineScheme({ id: 'semver', parse: parseSemver, compare: compareSemver });
