// Maven versions, ordered as the POM reference's "Version Order Specification" describes
// (https://maven.apache.org/pom.html#version-order-specification), which is what Maven's
// ComparableVersion implements. Tokens split at `.`, `-` and digit/letter transitions (a
// transition counts as `-`); trailing null tokens (0, "", final, ga, release) are trimmed at the
// end and before each `-`; qualifiers order alpha < beta < milestone < rc = cr < snapshot
// < "" = ga = final = release < sp < unknown (alphabetical); `.qualifier < -qualifier < -number
// < .number`. Case-insensitive; numbers compared as digit strings. Where the spec is silent (a
// null token such as the 0 of `1-0.alpha` against padding), Maven 3.9's ComparableVersion decides
// (MNG-6964). Maven 3.9's MNG-7644 (`2.0.x` = `2-x`) contradicts the spec's `.qualifier <
// -qualifier` and is not followed; osv.dev's own Maven ordering follows the spec too.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, compareStrings, defineScheme, problem } from './scheme.ts';

interface Token {
  readonly prefix: '.' | '-';
  readonly value: string;
  readonly numeric: boolean;
}

export interface MavenModel {
  readonly tokens: readonly Token[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: ReadonlyMap<string, string> = new Map([['cr', 'rc'], ['ga', ''], ['final', ''], ['release', '']]);
const SHORTHANDS: ReadonlyMap<string, string> = new Map([['a', 'alpha'], ['b', 'beta'], ['m', 'milestone']]);

function makeToken(prefix: '.' | '-', raw: string, followedByDigit: boolean): Token {
  if (/^\d+$/.test(raw)) return { prefix, value: raw.replace(/^0+(?=\d)/, ''), numeric: true };
  const aliased = ALIASES.get(raw) ?? raw;
  const value = followedByDigit ? (SHORTHANDS.get(aliased) ?? aliased) : aliased;
  return { prefix, value, numeric: false };
}

export function parseMaven(text: string): Result<MavenModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  if (/\s/.test(text)) return problem('whitespace in version', text.search(/\s/) + 1);
  const tokens: Token[] = [];
  const parts = text.toLowerCase().split(/([.-])/);
  for (let index = 0; index < parts.length; index += 2) {
    const separator = index === 0 ? '.' : parts[index - 1] === '-' ? '-' : '.';
    const part = parts[index] ?? '';
    const pieces = part === '' ? ['0'] : (part.match(/\d+|\D+/g) ?? ['0']);
    pieces.forEach((piece, position) => tokens.push(makeToken(position === 0 ? separator : '-', piece, position < pieces.length - 1)));
  }
  return ok({ tokens: trimNulls(tokens) });
}

const isNull = (token: Token): boolean => (token.numeric && token.value === '0') || (!token.numeric && token.value === '');

/** From the end, drop null tokens; repeat before each remaining `-`. The first token stays. */
function trimNulls(tokens: Token[]): Token[] {
  const kept = [...tokens];
  let index = kept.length - 1;
  while (index > 0) {
    const token = kept[index];
    if (token !== undefined && isNull(token)) {
      kept.splice(index, 1);
      index -= 1;
      continue;
    }
    while (index >= 0 && kept[index]?.prefix !== '-') index -= 1;
    index -= 1;
  }
  return kept;
}

/** `.qualifier` < `-qualifier` < `-number` < `.number`. */
function prefixRank(token: Token): number {
  if (token.numeric) return token.prefix === '-' ? 2 : 3;
  return token.prefix === '-' ? 1 : 0;
}

function qualifierRank(value: string): number {
  const rank = QUALIFIERS.indexOf(value);
  return rank === -1 ? QUALIFIERS.length : rank;
}

function compareTokens(a: Token, b: Token, aPadded: boolean, bPadded: boolean): number {
  if (a.prefix !== b.prefix) return Math.sign(prefixRank(a) - prefixRank(b));
  if (a.numeric && b.numeric) return compareDigits(a.value, b.value);
  if (a.numeric && !aPadded) return 1;
  if (b.numeric && !bPadded) return -1;
  const aRank = qualifierRank(a.numeric ? '' : a.value);
  const bRank = qualifierRank(b.numeric ? '' : b.value);
  if (aRank === QUALIFIERS.length && bRank === QUALIFIERS.length) return compareStrings(a.value, b.value);
  return Math.sign(aRank - bRank);
}

/** The shorter version is padded with null tokens shaped like the other's: `.0` (`.` for sp) or `-`"". */
function padding(other: Token): Token {
  if (other.prefix === '-') return { prefix: '-', value: '', numeric: false };
  return other.value === 'sp' ? { prefix: '.', value: '', numeric: false } : { prefix: '.', value: '0', numeric: true };
}

export function compareMaven(a: MavenModel, b: MavenModel): number {
  const length = Math.max(a.tokens.length, b.tokens.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.tokens[index];
    const y = b.tokens[index];
    if (x === undefined && y === undefined) return 0;
    const left = x ?? padding(y ?? x ?? { prefix: '.', value: '0', numeric: true });
    const right = y ?? padding(x ?? left);
    if (left.prefix === right.prefix && left.value === right.value) continue;
    // A null token (0 or "") left inside a version compares equal to padding, as ComparableVersion
    // compares each item of a longer list with null (MNG-6964: 1-0.alpha < 1).
    if ((x === undefined && isNull(right)) || (y === undefined && isNull(left))) continue;
    const order = compareTokens(left, right, x === undefined, y === undefined);
    if (order !== 0) return order;
  }
  return 0;
}

export const mavenScheme = defineScheme({ id: 'maven', parse: parseMaven, compare: compareMaven });
