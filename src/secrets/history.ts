import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Finding, Rule, ScanError } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import { runRules } from '../scan/run-rules.ts';
import { createKeywordPrefilter, createTextArtifact, isScannableText } from './analyzer.ts';
import { providerEntries } from './providers/index.ts';

export interface GitHistoryScanOptions {
  /** The repository (working tree or bare). */
  readonly repo: string;
  /** Scan only `since..HEAD`; without it, every commit of every ref (`--all`). */
  readonly since?: string;
  /** The `text` rules to run on each commit's added lines. */
  readonly rules: readonly Rule[];
  /** Added text per file and commit beyond this many characters is not scanned (default 1 MiB). */
  readonly maxFileChars?: number;
}

export interface GitHistoryScanResult {
  /** Locations are `commit:<sha>:<path>` at the line in that commit's version of the file. */
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly commitsScanned: number;
}

interface CommitInfo {
  readonly sha: string;
  readonly author: string;
  readonly date: string;
}

/** The lines one commit added to one file, with their line numbers in that commit's version. */
interface FileDelta {
  readonly commit: CommitInfo;
  readonly path: string;
  readonly lines: string[];
  readonly numbers: number[];
  chars: number;
}

const COMMIT_MARK = '\u0001palisade-commit ';
const GIT_MISSING = 'git is not installed (Debian/Ubuntu package `git`); history scanning needs it';

/**
 * Streams `git log -p` (no checkout) and runs the secret rules on the lines each commit added, so a
 * secret added and later deleted is reported at the commit that introduced it. Memory holds one
 * file's added lines at a time.
 */
export async function scanGitHistory(options: GitHistoryScanOptions): Promise<GitHistoryScanResult> {
  const range = options.since === undefined ? ['--all'] : [`${options.since}..HEAD`];
  const args = ['-C', options.repo, '-c', 'core.quotePath=false', 'log', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--diff-filter=AM', `--format=${COMMIT_MARK}%H%x09%aI%x09%an <%ae>`, ...range];
  const child = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const prefilter = createKeywordPrefilter(providerEntries.flatMap((entry) => entry.keywords));
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const maxChars = options.maxFileChars ?? 1024 * 1024;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(GIT_MISSING) : error));
    child.on('close', (code) => resolve(code ?? 1));
  });
  let commit: CommitInfo | undefined;
  let delta: FileDelta | undefined;
  let nextLine = 0;
  let commits = 0;
  const flush = (): void => {
    if (delta !== undefined) scanDelta(delta, options.rules, prefilter.scan, findings, errors);
    delta = undefined;
  };
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (line.startsWith(COMMIT_MARK)) {
      flush();
      const [sha = '', date = '', author = ''] = line.slice(COMMIT_MARK.length).split('\t');
      commit = { sha, date, author };
      commits += 1;
    } else if (line.startsWith('+++ ')) {
      flush();
      const path = line.slice(4).replace(/^b\//, '');
      if (commit !== undefined && path !== '/dev/null') delta = { commit, path, lines: [], numbers: [], chars: 0 };
    } else if (line.startsWith('@@ ')) {
      nextLine = Number(/\+(\d+)/.exec(line)?.[1] ?? '0');
    } else if (line.startsWith('+') && delta !== undefined && delta.chars < maxChars) {
      delta.lines.push(line.slice(1));
      delta.numbers.push(nextLine);
      delta.chars += line.length;
      nextLine += 1;
    }
  }
  flush();
  const code = await exited;
  if (code !== 0) errors.push({ path: options.repo, code: 'FILE_UNREADABLE', message: `git log failed (exit ${code}): ${stderr.trim().slice(0, 500)}` });
  return { findings, errors, commitsScanned: commits };
}

function scanDelta(delta: FileDelta, rules: readonly Rule[], scan: (text: string) => ReadonlySet<string>, findings: Finding[], errors: ScanError[]): void {
  if (delta.lines.length === 0) return;
  const text = delta.lines.join('\n');
  if (!isScannableText({ path: delta.path, size: text.length }, () => text.slice(0, 4096))) return;
  const { sha, author, date } = delta.commit;
  const path = `commit:${sha}:${delta.path}`;
  const result = runRules([createTextArtifact(createSourceDocument(path, text), scan(text))], rules);
  errors.push(...result.errors);
  for (const finding of result.findings) {
    const { location } = finding;
    const startLine = delta.numbers[(location.startLine ?? 1) - 1];
    const endLine = delta.numbers[(location.endLine ?? location.startLine ?? 1) - 1];
    findings.push({
      ...finding,
      location: { ...location, ...(startLine === undefined ? {} : { startLine }), ...(endLine === undefined ? {} : { endLine }) },
      message: `${finding.message} Added in commit ${sha.slice(0, 12)} by ${author} on ${date} (${delta.path}).`,
    });
  }
}
