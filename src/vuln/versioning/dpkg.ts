// Debian and Ubuntu package versions, ordered as dpkg does (deb-version(7); lib/dpkg/version.c
// `dpkg_version_compare` and `verrevcmp`): [epoch:]upstream[-revision]. Letters sort before
// non-letters, `~` before everything (even the end of the string), digit runs by value.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, defineScheme, isAsciiLetter, isDigit, problem } from './scheme.ts';

export interface DpkgModel {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

export function parseDpkg(input: string): Result<DpkgModel, ParseProblem> {
  // dpkg ignores leading and trailing blanks.
  const offset = input.length - input.trimStart().length;
  const text = input.trim();
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, text.length === 0 ? 1 : offset + bad.column);
  const space = /\s/.exec(text);
  if (space !== null) return problem('embedded whitespace in version', offset + space.index + 1);
  const colon = text.indexOf(':');
  const epoch = colon === -1 ? '0' : text.slice(0, colon);
  if (!/^\d+$/.test(epoch)) return problem('epoch is not a number', offset + 1);
  const rest = text.slice(colon + 1);
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen === -1 ? rest : rest.slice(0, hyphen);
  const revision = hyphen === -1 ? '' : rest.slice(hyphen + 1);
  const base = offset + colon + 1;
  if (upstream.length === 0) return problem('empty upstream version', base + 1);
  const badUpstream = /[^A-Za-z0-9.+~:-]/.exec(upstream);
  if (badUpstream !== null) return problem(`invalid character "${badUpstream[0]}" in upstream version`, base + badUpstream.index + 1);
  if (hyphen !== -1 && revision.length === 0) return problem('empty revision', base + hyphen + 2);
  const badRevision = /[^A-Za-z0-9.+~]/.exec(revision);
  if (badRevision !== null) return problem(`invalid character "${badRevision[0]}" in revision`, base + hyphen + 2 + badRevision.index);
  return ok({ epoch, upstream, revision });
}

/** dpkg's `order()`: `~` < end < letters < other characters. Digits never reach it. */
function order(char: string | undefined): number {
  if (char === undefined) return 0;
  if (char === '~') return -1;
  if (isAsciiLetter(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

/** dpkg's `verrevcmp`: alternate non-digit runs (by `order`) and digit runs (by value). */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const diff = order(isDigit(a[i]) ? undefined : a[i]) - order(isDigit(b[j]) ? undefined : b[j]);
      if (diff !== 0) return diff;
      i += 1;
      j += 1;
    }
    const aStart = i;
    const bStart = j;
    while (isDigit(a[i])) i += 1;
    while (isDigit(b[j])) j += 1;
    const diff = compareDigits(a.slice(aStart, i) || '0', b.slice(bStart, j) || '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

export function compareDpkg(a: DpkgModel, b: DpkgModel): number {
  return compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

/** dpkg accepts, with a warning, an upstream version that does not start with a digit. */
function warning(model: DpkgModel): string | undefined {
  return isDigit(model.upstream[0]) ? undefined : 'version number does not start with a digit';
}

export const dpkgScheme = defineScheme({ id: 'dpkg', parse: parseDpkg, compare: compareDpkg, warning });
