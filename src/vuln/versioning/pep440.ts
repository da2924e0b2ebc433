// PyPI versions, PEP 440 (https://packaging.python.org/en/latest/specifications/version-specifiers/):
// [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], with the spec's normalisations (alpha, c, pre,
// preview, rev, r, `-N` post releases, separators, case). The order is packaging's `_cmpkey`:
// epoch, release without trailing zeros, pre (a dev-only release sorts before all its pre-releases),
// post, dev, local (numeric segments above alphanumeric ones). Numbers are compared as digit strings;
// `@renovatebot/pep440` (which compares JS numbers) is the oracle in the tests. Legacy (non-PEP 440)
// versions are rejected, as pip ≥ 24 does.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, compareStrings, defineScheme, problem } from './scheme.ts';

/** A pre, post or dev marker: the normalised letter and its number. */
interface Marker {
  readonly label: string;
  readonly number: string;
}

export interface Pep440Model {
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: Marker | undefined;
  readonly post: Marker | undefined;
  readonly dev: Marker | undefined;
  readonly local: readonly string[] | undefined;
}

// The regular expression from PEP 440's appendix (packaging.version.VERSION_PATTERN).
const PATTERN = new RegExp(
  '^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?' +
    '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?)(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

const PRE_LABELS: ReadonlyMap<string, string> = new Map([['alpha', 'a'], ['a', 'a'], ['beta', 'b'], ['b', 'b'], ['c', 'rc'], ['pre', 'rc'], ['preview', 'rc'], ['rc', 'rc']]);

export function parsePep440(text: string): Result<Pep440Model, ParseProblem> {
  const bad = checkText(text.trim());
  if (bad !== undefined) return problem(bad.reason, bad.column + text.length - text.trimStart().length);
  const groups = PATTERN.exec(text)?.groups;
  if (groups === undefined) return problem('not a PEP 440 version', 1);
  const preLabel = groups['preL']?.toLowerCase();
  const postNumber = groups['postN1'] ?? groups['postN2'];
  return ok({
    epoch: groups['epoch'] ?? '0',
    release: trimZeros((groups['release'] ?? '0').split('.')),
    pre: preLabel === undefined ? undefined : { label: PRE_LABELS.get(preLabel) ?? preLabel, number: groups['preN'] ?? '0' },
    post: groups['post'] === undefined ? undefined : { label: 'post', number: postNumber ?? '0' },
    dev: groups['dev'] === undefined ? undefined : { label: 'dev', number: groups['devN'] ?? '0' },
    local: groups['local']?.toLowerCase().split(/[-_.]/),
  });
}

function trimZeros(release: string[]): string[] {
  let end = release.length;
  while (end > 1 && /^0+$/.test(release[end - 1] ?? '')) end -= 1;
  return release.slice(0, end);
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const order = compareDigits(a[index] ?? '0', b[index] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/** Rank of the pre-release slot: dev-only releases first, then a < b < rc, then none. */
function preRank(version: Pep440Model): number {
  if (version.pre !== undefined) return ['a', 'b', 'rc'].indexOf(version.pre.label);
  return version.post === undefined && version.dev !== undefined ? -1 : 3;
}

/** Missing post sorts first; missing dev sorts last. */
function compareOptional(a: Marker | undefined, b: Marker | undefined, missingIsHigh: boolean): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return (a === undefined) === missingIsHigh ? 1 : -1;
  }
  return compareDigits(a.number, b.number);
}

function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const x = a[index] ?? '';
    const y = b[index] ?? '';
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    const order = xNumeric && yNumeric ? compareDigits(x, y) : xNumeric !== yNumeric ? (xNumeric ? 1 : -1) : compareStrings(x, y);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

export function comparePep440(a: Pep440Model, b: Pep440Model): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    Math.sign(preRank(a) - preRank(b)) ||
    (a.pre !== undefined && b.pre !== undefined ? compareDigits(a.pre.number, b.pre.number) : 0) ||
    compareOptional(a.post, b.post, false) ||
    compareOptional(a.dev, b.dev, true) ||
    compareLocal(a.local, b.local)
  );
}

export const pep440Scheme = defineScheme({ id: 'pep440', parse: parsePep440, compare: comparePep440 });
