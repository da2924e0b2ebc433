import { readFileSync } from 'node:fs';
import type { Analyzer, AnalyzerOutput, Artifact, ArtifactKind, Finding, Rule, ScanError, SourceDocument } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import { decodeText, readHead } from '../core/fs.ts';
import type { WalkEntry, WalkedFile } from '../core/walk.ts';
import { resolveTarget, walk } from '../core/walk.ts';
import type { DocumentNotes } from './document-notes.ts';
import { documentNotes } from './document-notes.ts';
import type { ProjectRuleRun } from './run-rules.ts';
import { runRules, startProjectRules } from './run-rules.ts';
import type { ScanOptions } from './settings.ts';
import type { TextAnalyzer } from '../secrets/analyzer.ts';
import { isTextAnalyzer } from '../secrets/analyzer.ts';
import type { TextBatchResult, TextJob } from './text-pool.ts';
import type { TextWorker } from './workers.ts';
import { PARALLEL_MIN_BYTES } from './workers.ts';

export interface FileScanRequest {
  readonly target: string;
  /** The target's walk, when the caller has walked it already (with the same ignore patterns). */
  readonly entries?: readonly WalkEntry[];
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
  readonly ignorePatterns: readonly string[];
  /** Files larger than this (bytes) that an analyzer wants are reported, not read. */
  readonly maxFileSize: number;
  readonly onProgress?: (filesSeen: number) => void;
  /**
   * Text files that only secret detection reads may be scanned on worker threads when there is
   * enough of them (PARALLEL_MIN_BYTES); the workers resolve the scan's settings from these options.
   * Workers already started (`started`, during the walk) are used first, or terminated when not needed.
   */
  readonly parallel?: { readonly settingsInput: ScanOptions; readonly workers: number; readonly minBytes?: number; readonly started?: readonly TextWorker[] };
  /** Artifacts of these kinds are returned (for vulnerability matching and policies), even when no rule reads them. */
  readonly collect?: ReadonlySet<ArtifactKind>;
  /** Options for analyzers that render directories (e.g. `helmValues` files for `helm template`). */
  readonly renderOptions?: RenderOptions;
}

export interface RenderOptions {
  /** `--values` files for every Helm chart, relative to the current directory. */
  readonly helmValues?: readonly string[];
  /** Per renderer run, in milliseconds. */
  readonly timeoutMs?: number;
}

/**
 * What an analyzer that renders whole directories (Kustomize, Helm) returns before files are read
 * one by one: the artifacts, and the files its rendering covers, which it is then not asked to read.
 */
export interface DirectoryRendering {
  readonly covered: ReadonlySet<string>;
  readonly artifacts: readonly Artifact[];
  readonly errors: readonly ScanError[];
  readonly notices: readonly string[];
}

/** An analyzer with `renderDirectories(root, files, options)`: it sees every walked file first. */
interface RenderingAnalyzer extends Analyzer {
  renderDirectories(root: string, files: readonly WalkedFile[], options: RenderOptions): DirectoryRendering;
}

function isRenderingAnalyzer(analyzer: Analyzer): analyzer is RenderingAnalyzer {
  return typeof Reflect.get(analyzer, 'renderDirectories') === 'function';
}

export interface FileScanResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly filesScanned: number;
  /** Inline suppressions and `gitleaks:allow` lines, by path (files that have any). */
  readonly notes: Map<string, DocumentNotes>;
  /** Every artifact of the kinds the request collects. */
  readonly collected: Artifact[];
  /** Things the user should know that are not findings (a renderer that is not installed). */
  readonly notices: string[];
}

/**
 * Walks the target, parses each file an analyzer recognises (once) and runs the rules on its
 * artifacts. Files only secret detection reads are kept for last, and scanned on worker threads
 * when there are many megabytes of them.
 */
export async function scanFiles(request: FileScanRequest): Promise<FileScanResult> {
  const state: ScanState = { findings: [], errors: [], filesScanned: 0, notes: new Map(), collected: [], notices: [] };
  const collect = request.collect ?? new Set<ArtifactKind>();
  const project = startProjectRules(request.rules);
  const needed = new Set<string>([...request.rules.map((rule) => rule.meta.target), ...collect]);
  const analyzers = request.analyzers.filter((analyzer) => needed.has(analyzer.produces));
  const textOnly: TextJob[] = [];
  const deferrable = singleTextAnalyzer(analyzers);
  let filesSeen = 0;
  const entries = request.entries ?? [...walk(request.target, { ignorePatterns: request.ignorePatterns })];
  const covered = renderDirectories(request, analyzers, entries, { project, collect }, state);
  for (const entry of entries) {
    filesSeen += 1;
    request.onProgress?.(filesSeen);
    if (entry.kind === 'error') {
      state.errors.push(entry.error);
      continue;
    }
    const available = analyzers.filter((analyzer) => covered.get(analyzer)?.has(entry.file.path) !== true);
    const content = new FileContent(entry.file, request.maxFileSize);
    const matching = matchingAnalyzers(available, entry.file, deferrable, request.maxFileSize, content);
    if (matching === 'text-deferred') textOnly.push(jobOf(entry.file, true));
    else if (matching.length === 0 || tooLarge(entry.file, request.maxFileSize, state.errors)) continue;
    else if (matching.every((analyzer) => analyzer.produces === 'text')) textOnly.push(jobOf(entry.file, false));
    else scanDocument(entry.file, matching, request.rules, { project, collect }, state, content.bytes);
  }
  await scanTextFiles(textOnly, request, analyzers, state);
  const projectResult = project.finish();
  state.findings.push(...projectResult.findings);
  state.errors.push(...projectResult.errors);
  return { findings: state.findings, errors: state.errors, filesScanned: state.filesScanned, notes: state.notes, collected: state.collected, notices: state.notices };
}

/** Lets rendering analyzers render their directories (directory targets only); returns the files each covers. */
function renderDirectories(request: FileScanRequest, analyzers: readonly Analyzer[], entries: readonly WalkEntry[], retention: Retention, state: ScanState): Map<Analyzer, ReadonlySet<string>> {
  const covered = new Map<Analyzer, ReadonlySet<string>>();
  const renderers = analyzers.filter(isRenderingAnalyzer);
  if (renderers.length === 0 || resolveTarget(request.target).single !== undefined) return covered;
  const { root } = resolveTarget(request.target);
  const files = entries.flatMap((entry) => (entry.kind === 'file' ? [entry.file] : []));
  for (const renderer of renderers) {
    const rendering = renderer.renderDirectories(root, files, request.renderOptions ?? {});
    covered.set(renderer, rendering.covered);
    state.errors.push(...rendering.errors);
    state.notices.push(...rendering.notices);
    const result = runRules(rendering.artifacts, request.rules);
    state.findings.push(...result.findings);
    state.errors.push(...result.errors);
    retention.project.add(rendering.artifacts);
    for (const artifact of rendering.artifacts) {
      if (retention.collect.has(artifact.kind)) state.collected.push(artifact);
    }
  }
  return covered;
}

interface ScanState {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  filesScanned: number;
  readonly notes: Map<string, DocumentNotes>;
  readonly collected: Artifact[];
  readonly notices: string[];
}

/** Which artifacts outlive their file: what project rules take of them (`project`), and those the caller collects. */
interface Retention {
  readonly project: ProjectRuleRun;
  readonly collect: ReadonlySet<string>;
}

function scanDocument(file: WalkedFile, matching: readonly Analyzer[], rules: readonly Rule[], retention: Retention, state: ScanState, bytes: Uint8Array | undefined): void {
  const document = readDocument(file, state.errors, bytes);
  if (document === undefined) return;
  state.filesScanned += 1;
  const notes = documentNotes(document.text);
  if (notes !== undefined) state.notes.set(document.path, notes);
  for (const analyzer of matching) {
    const output = analyzeSafely(analyzer, document);
    state.errors.push(...output.errors);
    const result = runRules(output.artifacts, rules);
    state.findings.push(...result.findings);
    state.errors.push(...result.errors);
    retention.project.add(output.artifacts);
    for (const artifact of output.artifacts) {
      if (retention.collect.has(artifact.kind)) state.collected.push(artifact);
    }
  }
}

async function scanTextFiles(jobs: readonly TextJob[], request: FileScanRequest, analyzers: readonly Analyzer[], state: ScanState): Promise<void> {
  const { parallel } = request;
  const bytes = jobs.reduce((sum, job) => sum + job.size, 0);
  const useWorkers = parallel !== undefined && parallel.workers > 1 && bytes >= (parallel.minBytes ?? PARALLEL_MIN_BYTES);
  const started = parallel?.started ?? [];
  if (!useWorkers && started.length > 0) await Promise.all(started.map((text) => text.worker.terminate()));
  if (jobs.length === 0) return;
  // The secret detectors' text scanner loads only when there is text to scan.
  const { createTextScanner, emptyTextResult, scanTextInWorkers, textWorkerInput } = await import('./text-pool.ts');
  const result = useWorkers ? await scanTextInWorkers(jobs, textWorkerInput(parallel.settingsInput, analyzers, request.rules), parallel.workers, started) : scanTextHere(jobs, createTextScanner(analyzers, request.rules), emptyTextResult());
  state.findings.push(...result.findings);
  state.errors.push(...result.errors);
  state.filesScanned += result.filesScanned;
  for (const [path, notes] of result.notes) state.notes.set(path, notes);
}

function scanTextHere(jobs: readonly TextJob[], scan: (job: TextJob, result: TextBatchResult) => void, result: TextBatchResult): TextBatchResult {
  for (const job of jobs) scan(job, result);
  return result;
}

function jobOf(file: WalkedFile, checkContent: boolean): TextJob {
  return { path: file.path, absolutePath: file.absolutePath, size: file.size, ...(checkContent ? { checkContent } : {}) };
}

/** The scan's text analyzer when there is exactly one and it can check a file's content on the bytes it reads. */
function singleTextAnalyzer(analyzers: readonly Analyzer[]): TextAnalyzer | undefined {
  const text = analyzers.filter((analyzer) => analyzer.produces === 'text');
  const [only] = text;
  return text.length === 1 && only !== undefined && isTextAnalyzer(only) ? only : undefined;
}

/**
 * The analyzers that read a file, or `text-deferred` when only the text analyzer can, by the file's
 * name, and its content check is left to the single read of the text scan (no sniff: one open, not two).
 * Files over the size limit are sniffed as before, so that only a text file is reported as too large.
 */
function matchingAnalyzers(analyzers: readonly Analyzer[], file: WalkedFile, deferrable: TextAnalyzer | undefined, maxFileSize: number, content: FileContent): Analyzer[] | 'text-deferred' {
  const sniff = (): string => content.head();
  if (deferrable === undefined || !analyzers.includes(deferrable) || file.size > maxFileSize) return analyzers.filter((analyzer) => analyzer.matches(file, sniff));
  const others = analyzers.filter((analyzer) => analyzer !== deferrable && analyzer.matches(file, sniff));
  if (others.length === 0) return deferrable.matchesName(file) ? 'text-deferred' : [];
  return analyzers.filter((analyzer) => others.includes(analyzer) || (analyzer === deferrable && analyzer.matches(file, sniff)));
}

function tooLarge(file: WalkedFile, maxFileSize: number, errors: ScanError[]): boolean {
  if (file.size <= maxFileSize) return false;
  errors.push({ path: file.path, code: 'FILE_TOO_LARGE', message: `File is ${file.size} bytes, over the limit of ${maxFileSize} (maxFileSize); not scanned` });
  return true;
}

/** Small files are read whole when first sniffed, so that the analyzer gets those bytes. */
const READ_WHOLE_MAX = 64 * 1024;
const HEAD_BYTES = 4096;

/**
 * A file's first bytes for the analyzers' content sniff. A small file (up to READ_WHOLE_MAX, and
 * within the size limit) is read whole by the sniff, and its bytes are then analyzed: one open and
 * one read instead of two. The head is the same text `readHead` gives (the first 4 KiB as UTF-8).
 */
class FileContent {
  readonly #file: WalkedFile;
  readonly #readWhole: boolean;
  #head: string | undefined;
  /** The whole file, when the sniff read it. */
  bytes: Uint8Array | undefined;

  constructor(file: WalkedFile, maxFileSize: number) {
    this.#file = file;
    this.#readWhole = file.size <= READ_WHOLE_MAX && file.size <= maxFileSize;
  }

  head(): string {
    if (this.#head !== undefined) return this.#head;
    this.#head = this.#readWhole ? this.#wholeHead() : readHead(this.#file.absolutePath, HEAD_BYTES);
    return this.#head;
  }

  #wholeHead(): string {
    try {
      const bytes = readFileSync(this.#file.absolutePath);
      this.bytes = bytes;
      return bytes.subarray(0, HEAD_BYTES).toString('utf8');
    } catch {
      return '';
    }
  }
}

function readDocument(file: WalkedFile, errors: ScanError[], bytes: Uint8Array | undefined): SourceDocument | undefined {
  try {
    return createSourceDocument(file.path, decodeText(bytes ?? readFileSync(file.absolutePath)));
  } catch (error) {
    errors.push({ path: file.path, code: 'FILE_UNREADABLE', message: `Cannot read: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

function analyzeSafely(analyzer: Analyzer, document: SourceDocument): AnalyzerOutput {
  try {
    return analyzer.analyze(document);
  } catch (error) {
    return {
      artifacts: [],
      errors: [{ path: document.path, code: 'PARSE_FAILED', message: `${analyzer.id} analyzer failed: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
}
