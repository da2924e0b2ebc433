// Alpine (and Wolfi, Chainguard) apk versions: digit{.digit}…{letter}{_suffix{#}}…{~hash}{-r#},
// ordered as apk-tools does (src/version.c: `token_next`, `token_cmp`, `apk_version_compare`).
// Pre-release suffixes `_alpha _beta _pre _rc` sort before the bare version, `_cvs _svn _git _hg _p`
// after it; a later component with a leading zero compares as a string; `-rN` is the revision.
// Two apk-tools 2 leniencies are kept because real packages need them: a number right after the
// letter (`1.9.5p2-r1`, sudo) and empty components between dots (`0..8`) and a bare final `-r` (= `-r0`).
// Like apk-tools, a version is read up to its first invalid token, which then sorts the version
// below any valid continuation (`1.2_blah` < `1.2`); only a version that does not start with a
// digit is rejected. Numbers are compared as digit strings.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, compareStrings, defineScheme, isDigit, problem } from './scheme.ts';

/** Token kinds in apk-tools' order: when one version runs out first, the order decides. */
const KIND = { initialDigit: 0, digit: 1, letter: 2, suffix: 3, suffixNumber: 4, commitHash: 5, revision: 6, end: 7, invalid: 8 } as const;
type Kind = (typeof KIND)[keyof typeof KIND];

/** Suffix weights: below NONE (4) is a pre-release. */
const SUFFIXES: ReadonlyMap<string, number> = new Map([['alpha', 0], ['beta', 1], ['pre', 2], ['rc', 3], ['cvs', 5], ['svn', 6], ['git', 7], ['hg', 8], ['p', 9]]);
const NONE = 4;

interface Token {
  readonly kind: Kind;
  readonly value: string;
}

export interface ApkModel {
  readonly tokens: readonly Token[];
  /** Why apk-tools would call the version invalid (`apk_version_validate`), if it would. */
  readonly invalid: string | undefined;
}

/** One step of apk-tools' token_next: the token at `at` given the previous kind, or a problem. */
function nextToken(previous: Kind, text: string, at: number): { token: Token; end: number } | string {
  const char = text[at] ?? '';
  const span = (from: number, test: (c: string) => boolean): number => {
    let end = from;
    while (end < text.length && test(text[end] ?? '')) end += 1;
    return end;
  };
  if (char >= 'a' && char <= 'z') return previous > KIND.digit ? 'a letter may only follow a number' : { token: { kind: KIND.letter, value: char }, end: at + 1 };
  if (char === '.' || isDigit(char)) {
    if (char === '.' && previous > KIND.digit) return '"." may only follow a number';
    const start = char === '.' ? at + 1 : at;
    // apk-tools 2 also read a number right after a letter (`1.9.5p2`), and an empty `.` component as 0.
    const kind = previous <= KIND.letter ? KIND.digit : previous === KIND.suffix ? KIND.suffixNumber : undefined;
    const end = span(start, isDigit);
    if (kind === undefined || (end === start && text[start] !== '.')) return 'misplaced or empty number';
    return { token: { kind, value: end === start ? '0' : text.slice(start, end) }, end };
  }
  if (char === '_') {
    if (previous > KIND.suffixNumber) return 'misplaced suffix';
    const end = span(at + 1, (c) => c >= 'a' && c <= 'z');
    const name = text.slice(at + 1, end);
    return !SUFFIXES.has(name) ? `unknown suffix "_${name}"` : { token: { kind: KIND.suffix, value: name }, end };
  }
  if (char === '~') {
    const end = span(at + 1, (c) => /^[0-9a-f]$/.test(c));
    return previous >= KIND.commitHash || end === at + 1 ? 'misplaced or empty commit hash' : { token: { kind: KIND.commitHash, value: text.slice(at + 1, end) }, end };
  }
  if (char === '-' && text[at + 1] === 'r' && previous < KIND.revision) {
    const end = span(at + 2, isDigit);
    if (end === at + 2 && end < text.length) return 'revision "-r" without a number';
    return { token: { kind: KIND.revision, value: end === at + 2 ? '0' : text.slice(at + 2, end) }, end };
  }
  return `unexpected "${char}"`;
}

export function parseApk(text: string): Result<ApkModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  let end = 0;
  while (isDigit(text[end])) end += 1;
  if (end === 0) return problem('an apk version starts with a number', 1);
  const tokens: Token[] = [{ kind: KIND.initialDigit, value: text.slice(0, end) }];
  let previous: Kind = KIND.initialDigit;
  while (end < text.length) {
    const next = nextToken(previous, text, end);
    if (typeof next === 'string') {
      tokens.push({ kind: KIND.invalid, value: '' });
      return ok({ tokens, invalid: `${next} at column ${end + 1}` });
    }
    tokens.push(next.token);
    previous = next.token.kind;
    end = next.end;
  }
  return ok({ tokens, invalid: undefined });
}

/** token_cmp for two tokens of the same kind. */
function compareToken(a: Token, b: Token): number {
  switch (a.kind) {
    case KIND.digit:
      if (a.value.startsWith('0') || b.value.startsWith('0')) return compareStrings(a.value, b.value);
      return compareDigits(a.value, b.value);
    case KIND.initialDigit:
    case KIND.suffixNumber:
    case KIND.revision:
      return compareDigits(a.value, b.value);
    case KIND.suffix:
      return Math.sign((SUFFIXES.get(a.value) ?? 0) - (SUFFIXES.get(b.value) ?? 0));
    default:
      return compareStrings(a.value, b.value);
  }
}

const isPreRelease = (token: Token | undefined): boolean => token?.kind === KIND.suffix && (SUFFIXES.get(token.value) ?? NONE) < NONE;

export function compareApk(a: ApkModel, b: ApkModel): number {
  let index = 0;
  for (; index < Math.min(a.tokens.length, b.tokens.length); index += 1) {
    const x = a.tokens[index];
    const y = b.tokens[index];
    if (x === undefined || y === undefined || x.kind !== y.kind || x.kind === KIND.invalid) break;
    const order = compareToken(x, y);
    if (order !== 0) return order;
  }
  const x = a.tokens[index];
  const y = b.tokens[index];
  const xKind = x?.kind ?? KIND.end;
  const yKind = y?.kind ?? KIND.end;
  if (xKind === yKind) return 0;
  if (isPreRelease(x)) return -1;
  if (isPreRelease(y)) return 1;
  return xKind > yKind ? -1 : 1;
}

function warning(model: ApkModel): string | undefined {
  return model.invalid === undefined ? undefined : `not a valid apk version (${model.invalid}); ordered as apk-tools does`;
}

export const apkScheme = defineScheme({ id: 'apk', parse: parseApk, compare: compareApk, warning });
