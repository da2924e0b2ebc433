// RubyGems versions (Gem::Version, rubygems/version.rb): segments are runs of digits or letters;
// `-` means `.pre.`; a letter segment marks a prerelease. Trailing zeros of the numeric prefix and
// of the letter part are dropped (`canonical_segments`); then segments compare pairwise (missing
// = 0), a string below a number, numbers by value (digit strings here, so no overflow), strings
// by bytes. `@renovatebot/ruby-semver` (which compares JS numbers) is the oracle in the tests.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, compareStrings, defineScheme, problem } from './scheme.ts';

export interface RubygemsModel {
  readonly segments: readonly string[];
}

// Gem::Version::ANCHORED_VERSION_PATTERN.
const PATTERN = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;

const isNumber = (segment: string): boolean => /^\d/.test(segment);

export function parseRubygems(text: string): Result<RubygemsModel, ParseProblem> {
  const bad = checkText(text.trim());
  if (bad !== undefined) return problem(bad.reason, bad.column + text.length - text.trimStart().length);
  const match = PATTERN.exec(text);
  if (match === null) return problem('not a RubyGems version', 1);
  const body = (match[1] ?? '0').replaceAll('-', '.pre.');
  const segments = body.match(/[0-9]+|[a-z]+/gi) ?? ['0'];
  return ok({ segments: canonical(segments) });
}

const isZero = (segment: string): boolean => /^0+$/.test(segment);

function dropTrailingZeros(segments: readonly string[]): string[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1] ?? '')) end -= 1;
  return segments.slice(0, end);
}

/** canonical_segments: trailing zeros dropped from the numeric part and from the rest. */
function canonical(segments: readonly string[]): string[] {
  const firstString = segments.findIndex((segment) => !isNumber(segment));
  const split = firstString === -1 ? segments.length : firstString;
  return [...dropTrailingZeros(segments.slice(0, split)), ...dropTrailingZeros(segments.slice(split))];
}

export function compareRubygems(a: RubygemsModel, b: RubygemsModel): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.segments[index] ?? '0';
    const y = b.segments[index] ?? '0';
    const xNumber = isNumber(x);
    const yNumber = isNumber(y);
    if (xNumber !== yNumber) return xNumber ? 1 : -1;
    const order = xNumber ? compareDigits(x, y) : compareStrings(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

export const rubygemsScheme = defineScheme({ id: 'rubygems', parse: parseRubygems, compare: compareRubygems });
