// RPM package versions (Red Hat, AlmaLinux, Rocky Linux, openSUSE, SUSE …): [epoch:]version[-release]
// ordered as rpm does: epoch by value (missing = 0), then version and release with `rpmvercmp`
// (rpmio/rpmvercmp.c, rpm ≥ 4.15: `~` sorts before everything, `^` after the base version but
// before any further segment). Only ASCII letters and digits form segments; everything else
// separates. A missing release sorts before any release (rpmverCmp's `compareValues`).
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, compareStrings, defineScheme, isAsciiLetter, isDigit, problem } from './scheme.ts';

export interface RpmModel {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

/** rpm's parseEVR: digits then `:` is an epoch; the release follows the last `-`. */
export function parseRpm(text: string): Result<RpmModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  const epochMatch = /^(\d*):/.exec(text);
  const epoch = epochMatch === null ? '0' : epochMatch[1] || '0';
  const rest = epochMatch === null ? text : text.slice(epochMatch[0].length);
  const hyphen = rest.lastIndexOf('-');
  return ok({ epoch, version: hyphen === -1 ? rest : rest.slice(0, hyphen), release: hyphen === -1 ? undefined : rest.slice(hyphen + 1) });
}

const isAlnum = (char: string | undefined): boolean => isDigit(char) || isAsciiLetter(char);
const isSeparator = (char: string | undefined): boolean => char !== undefined && !isAlnum(char) && char !== '~' && char !== '^';

/** Port of rpmvercmp: returns -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i += 1;
    while (isSeparator(b[j])) j += 1;
    const tilde = specialOrder(a[i], b[j], '~', false);
    if (tilde !== undefined) return tilde;
    if (a[i] === '~') {
      i += 1;
      j += 1;
      continue;
    }
    const caret = specialOrder(a[i], b[j], '^', true);
    if (caret !== undefined) return caret;
    if (a[i] === '^') {
      i += 1;
      j += 1;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const take = numeric ? isDigit : isAsciiLetter;
    const aStart = i;
    const bStart = j;
    while (take(a[i])) i += 1;
    while (take(b[j])) j += 1;
    if (j === bStart) return numeric ? 1 : -1;
    const order = numeric ? compareDigits(a.slice(aStart, i), b.slice(bStart, j)) : compareStrings(a.slice(aStart, i), b.slice(bStart, j));
    if (order !== 0) return order;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * `~`: the side with it is lower. `^`: the side that ended is lower, else the side with it is
 * higher. Undefined when neither side has the character, or both do (then both skip it).
 */
function specialOrder(x: string | undefined, y: string | undefined, special: string, endIsLower: boolean): number | undefined {
  if (x !== special && y !== special) return undefined;
  if (endIsLower && x === undefined) return -1;
  if (endIsLower && y === undefined) return 1;
  if (x !== special) return 1;
  if (y !== special) return -1;
  return undefined;
}

function compareRelease(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return rpmvercmp(a, b);
}

export function compareRpm(a: RpmModel, b: RpmModel): number {
  return compareDigits(a.epoch, b.epoch) || rpmvercmp(a.version, b.version) || compareRelease(a.release, b.release);
}

export const rpmScheme = defineScheme({ id: 'rpm', parse: parseRpm, compare: compareRpm });
