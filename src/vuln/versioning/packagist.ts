// Packagist (Composer) versions: Composer normalises a version (Composer\Semver\VersionParser:
// drop a leading `v`, pad the numeric part to four components, stability words case-insensitive)
// and then orders it with PHP's version_compare() (ext/standard/versioning.c). Here: `-`, `_`, `+`
// and every other non-alphanumeric character separate parts, and so does each digit/letter
// transition. Parts compare as numbers (digit strings, so no overflow) or by their special form:
// anything else < dev < alpha = a < beta = b < RC = rc < number < pl = p (prefix match). When one
// version has more parts, the next part decides: a number makes it greater, otherwise it is
// compared with a number. Unlike raw version_compare, 1.0 = 1.0.0 and 3.0 > 3.0.0-beta.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, defineScheme, problem } from './scheme.ts';

export interface PackagistModel {
  readonly parts: readonly string[];
}

const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

export function parsePackagist(text: string): Result<PackagistModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  const body = text.replace(/^[vV]/, '');
  const parts = body.match(/\d+|[A-Za-z]+/g) ?? [];
  if (parts.length === 0) return problem('no number or letter in version', 1);
  let numeric = 0;
  while (numeric < parts.length && /^\d/.test(parts[numeric] ?? '')) numeric += 1;
  const padding = numeric > 0 && numeric < 4 ? Array.from({ length: 4 - numeric }, () => '0') : [];
  return ok({ parts: [...parts.slice(0, numeric), ...padding, ...parts.slice(numeric)] });
}

function specialForm(part: string): number {
  const lower = part.toLowerCase();
  return SPECIAL_FORMS.find(([name]) => lower.startsWith(name))?.[1] ?? -1;
}

const isNumber = (part: string | undefined): boolean => part !== undefined && /^\d/.test(part);

function comparePart(a: string, b: string): number {
  if (isNumber(a) && isNumber(b)) return compareDigits(a, b);
  return Math.sign(specialForm(isNumber(a) ? '#' : a) - specialForm(isNumber(b) ? '#' : b));
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const order = comparePart(a[index] ?? '', b[index] ?? '');
    if (order !== 0) return order;
  }
  if (a.length > b.length) return isNumber(a[length]) ? 1 : compareParts(a.slice(length), ['#']);
  if (b.length > a.length) return isNumber(b[length]) ? -1 : compareParts(['#'], b.slice(length));
  return 0;
}

export function comparePackagist(a: PackagistModel, b: PackagistModel): number {
  return compareParts(a.parts, b.parts);
}

export const packagistScheme = defineScheme({ id: 'packagist', parse: parsePackagist, compare: comparePackagist });
