import type { Finding, Location } from '../core/index.ts';
import type { SelectorMatcher } from './selector.ts';
import { findingMatchesSelector } from './selector.ts';

/** Why a suppression comment waives nothing. */
export type InlineSuppressionProblem = 'missing reason' | 'missing selector' | 'no target line';

/** One `# palisade-ignore…` comment. */
export interface InlineSuppression {
  /** `line`: `palisade-ignore` (its own or the next code line); `file`: `palisade-ignore-file`. */
  readonly scope: 'line' | 'file';
  readonly selectors: readonly string[];
  readonly reason: string;
  /** The comment: 1-based line, column of its `#`, and exclusive end column. */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** For `line` scope: first and last line it covers (more than one when a Dockerfile instruction continues with `\`). */
  readonly targetLine?: number;
  readonly targetEndLine?: number;
  /** Set when the comment waives nothing; the scan reports it. */
  readonly invalid?: InlineSuppressionProblem;
}

const DIRECTIVE = /(?:^|\s)#\s*palisade-ignore(-file)?(?=[\s:]|$)/;
const BODY = /^((?:[^\s,]+\s*,\s*)*[^\s,]+)(.*)$/s;
/** hadolint's pragmas on their own line: `# hadolint ignore=DL3008,DL3015` and `# hadolint global ignore=DL3003`. */
const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)\s*$/;
/** hadolint comments need no reason; this one is recorded. */
export const HADOLINT_IGNORE_REASON = 'hadolint ignore comment';

type Directive = Omit<InlineSuppression, 'targetLine' | 'targetEndLine'>;

/**
 * Finds suppression comments, line by line. `#` comments only, on their own line (they apply to the
 * next non-blank, non-comment line) or after code (they apply to that line). Limits: the text is not
 * parsed, so such a comment inside a YAML block scalar, a quoted string or a Dockerfile heredoc body
 * counts too.
 */
export function parseInlineSuppressions(text: string): InlineSuppression[] {
  // Most files hold no directive: skip the line split (a large share of a secret scan's time).
  if (!text.includes('palisade-ignore') && !text.includes('hadolint')) return [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const ends = continuationEnds(lines);
  const found: InlineSuppression[] = [];
  let pending: Directive[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.trimStart();
    if (trimmed === '') return;
    const directive = directiveIn(line, index + 1);
    if (trimmed.startsWith('#')) {
      if (directive?.scope === 'file') found.push(directive);
      else if (directive !== undefined) pending.push(directive);
      return;
    }
    const target = { targetLine: index + 1, targetEndLine: (ends[index] ?? index) + 1 };
    found.push(...pending.map((waiting) => ({ ...waiting, ...target })));
    pending = [];
    if (directive?.scope === 'file') found.push(directive);
    else if (directive !== undefined) found.push({ ...directive, targetLine: index + 1, targetEndLine: index + 1 });
  });
  found.push(...pending.map((waiting) => ({ ...waiting, invalid: waiting.invalid ?? ('no target line' as const) })));
  return found.sort((a, b) => a.line - b.line);
}

/**
 * Marks findings waived by a valid suppression of their file: file-wide, or whose `startLine` is in the
 * comment's target lines, and one of whose selectors `matches`. Already suppressed findings stay as they are.
 */
export function applyInlineSuppressions(
  findings: readonly Finding[],
  suppressionsByPath: ReadonlyMap<string, readonly InlineSuppression[]>,
  matches: SelectorMatcher = findingMatchesSelector,
): Finding[] {
  return findings.map((finding) => {
    if (finding.suppression !== undefined) return finding;
    const { path, startLine } = finding.location;
    const hit = suppressionsByPath.get(path)?.find((candidate) => covers(candidate, startLine) && candidate.selectors.some((selector) => matches(finding, selector)));
    if (hit === undefined) return finding;
    return { ...finding, suppression: { kind: 'inline', reason: hit.reason, source: suppressionLocation(path, hit) } };
  });
}

/** Where a suppression comment is: from its `#` to the end of the line. */
export function suppressionLocation(path: string, suppression: InlineSuppression): Location {
  const { line, column, endColumn } = suppression;
  return { path, startLine: line, startColumn: column, endLine: line, endColumn };
}

function covers(suppression: InlineSuppression, line: number | undefined): boolean {
  if (suppression.invalid !== undefined) return false;
  if (suppression.scope === 'file') return true;
  const { targetLine, targetEndLine } = suppression;
  if (line === undefined || targetLine === undefined) return false;
  return line >= targetLine && line <= (targetEndLine ?? targetLine);
}

function directiveIn(line: string, lineNumber: number): Directive | undefined {
  const match = DIRECTIVE.exec(line);
  if (match === null) return hadolintDirectiveIn(line, lineNumber);
  const hash = line.indexOf('#', match.index);
  const body = line.slice(match.index + match[0].length).replace(/^\s*:?\s*/, '').trimEnd();
  const parts = BODY.exec(body);
  const selectors = parts?.[1]?.split(/\s*,\s*/) ?? [];
  const reason = (parts?.[2] ?? '').trim().replace(/^--\s*/, '').trim();
  const invalid = selectors.length === 0 ? 'missing selector' : reason === '' ? 'missing reason' : undefined;
  return {
    scope: match[1] === undefined ? 'line' : 'file',
    selectors,
    reason,
    line: lineNumber,
    column: hash + 1,
    endColumn: line.trimEnd().length + 1,
    ...(invalid === undefined ? {} : { invalid }),
  };
}

/**
 * A hadolint pragma, as a suppression of the DL rules' aliases (`hadolint:DL3008`). ShellCheck ids
 * (`SC2086`) have no Palisade rule and are left out; a pragma with nothing else is no directive.
 */
function hadolintDirectiveIn(line: string, lineNumber: number): Directive | undefined {
  const trimmed = line.trim();
  const match = HADOLINT.exec(trimmed);
  if (match === null) return undefined;
  const selectors = (match[2] ?? '')
    .split(/\s*,\s*/)
    .filter((id) => /^DL\d+$/i.test(id))
    .map((id) => `hadolint:${id.toUpperCase()}`);
  if (selectors.length === 0) return undefined;
  const column = line.indexOf('#') + 1;
  return { scope: match[1] === undefined ? 'line' : 'file', selectors, reason: HADOLINT_IGNORE_REASON, line: lineNumber, column, endColumn: line.trimEnd().length + 1 };
}

/**
 * For each line, the index of the last line of the instruction it starts when it ends with `\`
 * (Dockerfile continuation; comment and blank lines inside are skipped, as Docker does). One backward
 * pass, so hostile input with thousands of continued lines stays linear.
 */
function continuationEnds(lines: readonly string[]): number[] {
  const ends = lines.map((_line, index) => index);
  for (let index = lines.length - 2; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    const skipped = line.trim() === '' || line.trimStart().startsWith('#');
    if (skipped || line.trimEnd().endsWith('\\')) ends[index] = ends[index + 1] ?? index;
  }
  return ends;
}
