// PR mode (`--diff-base <rev>`): keep only the findings in files and lines changed since a git revision.
// The changes come from `git diff --unified=0` between the merge base of <rev> and HEAD, and the working
// tree, so a pull request is judged on what it adds (new lines, new files, new or bumped dependencies:
// their lockfile entries are changed lines), not on what its base already had.
import { execFile } from 'node:child_process';
import type { Finding, Report } from '../core/index.ts';
import { PalisadeError, countBySeverity } from '../core/index.ts';
import { gateVerdict, unparsedFileRule } from '../gate/index.ts';
import { resolveScanTarget } from './targets.ts';

/** Lines added or changed in one file of the new side, as inclusive ranges. */
export interface FileChange {
  /** The path before a rename (the same path otherwise); undefined for a new file. */
  readonly oldPath: string | undefined;
  /** New file, or a binary file: every line counts as changed. */
  readonly whole: boolean;
  readonly ranges: readonly (readonly [number, number])[];
}

/** Changed files by their path on the new side (deleted files are absent). */
export type DiffChanges = ReadonlyMap<string, FileChange>;

const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** A path as git prints it: bare, or C-quoted (`"caf\303\251 \"x\".txt"`) when it holds special bytes. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[index + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8) & 0xff);
      index += 3;
      continue;
    }
    bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
    index += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `a/path` or `b/path` (quoted or not) → path; `/dev/null` → undefined. */
function sidePath(text: string): string | undefined {
  const path = unquoteGitPath(text.trim());
  if (path === '/dev/null') return undefined;
  return path.replace(/^[ab]\//, '');
}

interface Section {
  oldPath: string | undefined;
  newPath: string | undefined;
  added: boolean;
  binary: boolean;
  ranges: [number, number][];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

function applyHeader(section: Section, line: string): void {
  if (line.startsWith('--- ')) section.oldPath = sidePath(line.slice(4));
  else if (line.startsWith('+++ ')) section.newPath = sidePath(line.slice(4));
  else if (line.startsWith('rename from ')) section.oldPath = unquoteGitPath(line.slice('rename from '.length));
  else if (line.startsWith('rename to ')) section.newPath = unquoteGitPath(line.slice('rename to '.length));
  else if (line.startsWith('new file mode ')) section.added = true;
  else if (line.startsWith('deleted file mode ')) section.newPath = undefined;
  else if (line.startsWith('Binary files ')) section.binary = true;
}

/** `diff --git a/x b/x`: the paths, when they are unambiguous (no quoting, no " b/" inside). */
function gitHeaderPaths(line: string): { oldPath: string | undefined; newPath: string | undefined } {
  const match = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
  if (match === null || line.indexOf(' b/') !== line.lastIndexOf(' b/')) return { oldPath: undefined, newPath: undefined };
  return { oldPath: match[1], newPath: match[2] };
}

/** Parses `git diff --unified=0` output (with a/ and b/ prefixes, renames detected) into the changed lines of each file. */
export function parseUnifiedDiff(text: string): Map<string, FileChange> {
  const changes = new Map<string, FileChange>();
  let section: Section | undefined;
  const finish = (): void => {
    if (section?.newPath === undefined) return;
    changes.set(section.newPath, { oldPath: section.added ? undefined : (section.oldPath ?? section.newPath), whole: section.added || section.binary, ranges: section.ranges });
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      finish();
      section = { ...gitHeaderPaths(line), added: false, binary: false, ranges: [] };
      continue;
    }
    if (section === undefined) continue;
    const hunk = HUNK.exec(line);
    if (hunk === null) {
      if (section.ranges.length === 0) applyHeader(section, line);
      continue;
    }
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count > 0) section.ranges.push([start, start + count - 1]);
  }
  finish();
  return changes;
}

/**
 * Whether a finding lies in the changed part of its file. A finding without a line counts only in a new
 * file. A file that could not be parsed (`GATE-0003`) counts wherever its error lies when the change
 * touched the file's content: the parse failure left every changed line unchecked, and a YAML or
 * here-document error is often reported far below the line that caused it.
 */
export function isInChanges(finding: Finding, changes: DiffChanges): boolean {
  const change = changes.get(finding.location.path);
  if (change === undefined) return false;
  if (change.whole) return true;
  if (finding.ruleId === unparsedFileRule.id) return change.ranges.length > 0;
  const start = finding.location.startLine;
  if (start === undefined) return false;
  const end = Math.max(start, finding.location.endLine ?? start);
  return change.ranges.some(([from, to]) => from <= end && to >= start);
}

/** The report of the changed part only: findings outside the changes are dropped, and the summary is recomputed. */
export function restrictReport(report: Report, changes: DiffChanges): { report: Report; exitCode: 0 | 1 } {
  const findings = report.findings.filter((finding) => isInChanges(finding, changes));
  const counted = findings.filter((finding) => finding.suppression === undefined);
  const verdict = gateVerdict(findings, report.summary.failOn);
  const ids = new Set(findings.map((finding) => finding.ruleId));
  return {
    report: {
      ...report,
      findings,
      errors: report.errors.filter((error) => changes.has(error.path)),
      summary: { ...report.summary, bySeverity: countBySeverity(counted), total: counted.length, suppressed: findings.length - counted.length, failing: verdict.failing },
      rules: report.rules.filter((rule) => ids.has(rule.id)),
    },
    exitCode: verdict.exitCode,
  };
}

function git(root: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', root, ...args], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(Object.assign(error, { stderr }));
    });
  });
}

function gitFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return 'git is not installed (install git, or drop --diff-base)';
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
  return stderr === '' ? (error instanceof Error ? error.message : String(error)) : (stderr.split('\n').at(-1) ?? stderr);
}

/**
 * What changed in the git work tree at `root` since `rev`: the diff from the merge base of `rev` and
 * HEAD (what a pull request adds, even when its base branch moved on) to the working tree. Paths are
 * relative to `root`, like the report's. Throws USAGE when `root` is not in a repository or `rev` is unknown.
 */
export async function changesSince(root: string, rev: string): Promise<DiffChanges> {
  if (rev.startsWith('-') || rev.trim() === '') throw new PalisadeError('USAGE', `--diff-base needs a git revision (got "${rev}")`);
  let base: string;
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    base = (await git(root, ['merge-base', rev, 'HEAD']).catch(() => rev)).trim();
  } catch (error) {
    throw new PalisadeError('USAGE', `--diff-base ${rev}: not a commit of the git repository at ${root} (${gitFailure(error)}); fetch it first (actions/checkout: fetch-depth: 0)`, { cause: error });
  }
  const diff = await git(root, ['-c', 'core.quotePath=true', 'diff', '--unified=0', '--find-renames', '--relative', '--no-color', '--no-ext-diff', '--no-textconv', '--ignore-submodules', '--src-prefix=a/', '--dst-prefix=b/', base, '--', '.']).catch(
    (error: unknown) => {
      throw new PalisadeError('USAGE', `--diff-base ${rev}: git diff failed (${gitFailure(error)})`, { cause: error });
    },
  );
  return parseUnifiedDiff(diff);
}

/** The changes for a scan target: a directory or file in a git work tree (image and SBOM targets have no lines to compare). */
export function changesForTarget(target: string, rev: string): Promise<DiffChanges> {
  const resolved = resolveScanTarget(target);
  if (resolved.kind !== 'path') throw new PalisadeError('USAGE', '--diff-base compares files of a git work tree: use it with a directory or file target, not an image or SBOM');
  return changesSince(resolved.root, rev);
}
