import { readFileSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Analyzer, AnalyzerOutput, Finding, Rule, ScanError, SourceDocument } from '../core/index.ts';
import { LineIndex, createSourceDocument } from '../core/index.ts';
import { decodeText } from '../core/fs.ts';
import type { TextAnalyzer } from '../secrets/analyzer.ts';
import { createTextArtifact, isTextAnalyzer } from '../secrets/analyzer.ts';
import { createFileReader, decodeBytes } from '../secrets/file-bytes.ts';
import { createKeywordAutomaton } from '../secrets/keyword-automaton.ts';
import { detectorRules } from '../secrets/detector-rules.ts';
import { createRuleGate } from '../secrets/rule-gate.ts';
import { textAnalyzer } from '../secrets/text-analyzer.ts';
import type { DocumentNotes } from './document-notes.ts';
import { documentNotes } from './document-notes.ts';
import { runRules } from './run-rules.ts';
import type { ScanOptions } from './settings.ts';

export { PARALLEL_MIN_BYTES, workerCount } from './workers.ts';

/** A text file whose only reader is secret detection: it can be scanned on any thread. */
export interface TextJob {
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  /**
   * The text analyzer's content check (no NUL, not a one-line bundle) is still to be made, on the
   * bytes read: the file is then read once, not sniffed first.
   */
  readonly checkContent?: boolean;
}

export interface TextBatch {
  readonly files: readonly TextJob[];
}

/** What scanning text files yields (one batch, or all of them): the caller's accumulator. */
export interface TextBatchResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly notes: [string, DocumentNotes][];
  filesScanned: number;
}

export function emptyTextResult(): TextBatchResult {
  return { findings: [], errors: [], notes: [], filesScanned: 0 };
}

/** Work is handed out in batches of about this many bytes, so fast workers take more. */
const BATCH_BYTES = 2 * 1024 * 1024;

/**
 * What a worker needs to run the scan's text rules: the rule ids when they are all the catalogue's
 * own detector rules (unconfigured) and the analyzer is the catalogue's, so that the worker loads only
 * those (tens of milliseconds); else the scan's options, from which it resolves the same settings as
 * the main thread (loading every area, about a second of CPU per worker).
 */
export interface TextWorkerInput {
  readonly settingsInput: ScanOptions;
  readonly ruleIds?: readonly string[];
  /** The main thread uses Node's module compile cache: the worker enables it too. */
  readonly compileCache?: boolean;
}

export function textWorkerInput(settingsInput: ScanOptions, analyzers: readonly Analyzer[], rules: readonly Rule[]): TextWorkerInput {
  const textRules = textRulesOf(rules);
  const own = new Set(detectorRules);
  const textAnalyzers = analyzers.filter((analyzer) => analyzer.produces === 'text');
  const light = textAnalyzers.length === 1 && textAnalyzers[0] === textAnalyzer && textRules.every((rule) => own.has(rule));
  const cache = getCompileCacheDir() === undefined ? {} : { compileCache: true };
  return light ? { settingsInput, ruleIds: textRules.map((rule) => rule.meta.id), ...cache } : { settingsInput, ...cache };
}

/** The rules a text scan runs: per-file rules that read `text` artifacts. */
export function textRulesOf(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => rule.meta.target === 'text' && !rule.project);
}

/**
 * Scans the files on `count` threads, each running the scan's selected secret rules. With the
 * catalogue's own detector rules (`ruleIds`), the main thread is one of them: it has the rules
 * loaded already, so one worker fewer starts (its start-up is about a third of a CPU-second) and
 * scanning begins at once. It yields between batches, so that the workers' requests are served.
 * A single batch goes to a worker.
 */
export async function scanTextInWorkers(jobs: readonly TextJob[], input: TextWorkerInput, count: number): Promise<TextBatchResult> {
  const batches = toBatches(jobs);
  const total = emptyTextResult();
  // With one batch, a worker takes it (the main thread would leave nothing to share).
  const here = input.ruleIds === undefined || batches.length < 2 || count < 2 ? undefined : ownScanner(input.ruleIds);
  const shared = here === undefined ? 0 : 1;
  const workers = Array.from({ length: Math.min(count, batches.length) - shared }, () => startWorker(input));
  try {
    await Promise.all([...workers.map((worker) => drain(worker, batches, total)), ...(here === undefined ? [] : [drainHere(here, batches, total)])]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return total;
}

/** The scanner of the catalogue's detector rules with these ids (as a worker builds it); undefined when one is missing. */
function ownScanner(ids: readonly string[]): ((job: TextJob, into: TextBatchResult) => void) | undefined {
  const byId = new Map(detectorRules.map((rule) => [rule.meta.id, rule]));
  const rules = ids.flatMap((id) => byId.get(id) ?? []);
  return rules.length === ids.length ? createTextScanner([textAnalyzer], rules) : undefined;
}

/** The main thread's share: batches until none are left, yielding to the event loop after each. */
async function drainHere(scan: (job: TextJob, into: TextBatchResult) => void, batches: TextBatch[], total: TextBatchResult): Promise<void> {
  for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
    for (const file of batch.files) scan(file, total);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function toBatches(jobs: readonly TextJob[]): TextBatch[] {
  const sorted = [...jobs].sort((a, b) => b.size - a.size);
  const batches: TextBatch[] = [];
  let current: TextJob[] = [];
  let bytes = 0;
  for (const job of sorted) {
    current.push(job);
    bytes += job.size;
    if (bytes < BATCH_BYTES) continue;
    batches.push({ files: current });
    current = [];
    bytes = 0;
  }
  if (current.length > 0) batches.push({ files: current });
  return batches;
}

function startWorker(input: TextWorkerInput): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './text-worker.ts' : './text-worker.js', import.meta.url);
  return new Worker(entry, { workerData: input });
}

/** Feeds batches to one worker until none are left; rejects when the worker fails. */
function drain(worker: Worker, batches: TextBatch[], total: TextBatchResult): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const batch = batches.shift();
      if (batch === undefined) resolve();
      else worker.postMessage(batch);
    };
    worker.on('message', (message: TextBatchResult | { ready: true }) => {
      if ('findings' in message) {
        total.findings.push(...message.findings);
        total.errors.push(...message.errors);
        total.notes.push(...message.notes);
        total.filesScanned += message.filesScanned;
      }
      next();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`secret scan worker exited with code ${code}`))));
  });
}

/**
 * Scans text files for secrets, one at a time into an accumulator (the same code on the main thread
 * and in the workers). With the text analyzer of src/secrets each file is read once into a reused
 * buffer, its keywords found on the bytes, and only the rules gated by those keywords run; the text
 * is decoded only when a rule runs or a suppression marker is present, and its line index built only
 * when a rule reports. Other text analyzers take the general path (read, decode, analyze, every rule;
 * a job's content check is then `matches` on the file's first 4096 bytes, as `readHead` gives them).
 */
export function createTextScanner(analyzers: readonly Analyzer[], rules: readonly Rule[]): (job: TextJob, into: TextBatchResult) => void {
  const textAnalyzers = analyzers.filter((analyzer) => analyzer.produces === 'text');
  const [only] = textAnalyzers;
  if (textAnalyzers.length === 1 && only !== undefined && isTextAnalyzer(only)) return fastTextScanner(only, rules);
  return (job, into) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(job.absolutePath);
    } catch (error) {
      into.errors.push(unreadable(job.path, error));
      return;
    }
    const text = decodeText(bytes);
    const head = bytes.subarray(0, 4096).toString('utf8');
    const matching = job.checkContent === true ? textAnalyzers.filter((analyzer) => analyzer.matches(job, () => head)) : textAnalyzers;
    if (matching.length === 0) return;
    into.filesScanned += 1;
    const document = createSourceDocument(job.path, text);
    const notes = documentNotes(text);
    if (notes !== undefined) into.notes.push([job.path, notes]);
    for (const analyzer of matching) {
      const output = analyzeSafely(analyzer, document);
      into.errors.push(...output.errors);
      const result = runRules(output.artifacts, rules);
      into.findings.push(...result.findings);
      into.errors.push(...result.errors);
    }
  };
}

function analyzeSafely(analyzer: Analyzer, document: SourceDocument): AnalyzerOutput {
  try {
    return analyzer.analyze(document);
  } catch (error) {
    return { artifacts: [], errors: [{ path: document.path, code: 'PARSE_FAILED', message: `${analyzer.id} analyzer failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/**
 * Strings without which `documentNotes` finds nothing (gate/inline.ts: `palisade-ignore`, `hadolint`;
 * secrets/gitleaks.ts: `gitleaks:allow`). The keyword pass looks for them too, case-insensitively; a
 * file holding none of them needs no decoding for its notes.
 */
const NOTE_MARKERS = ['palisade-ignore', 'hadolint', 'gitleaks:allow'];

function fastTextScanner(analyzer: TextAnalyzer, rules: readonly Rule[]): (job: TextJob, into: TextBatchResult) => void {
  const reader = createFileReader();
  const gate = createRuleGate(textRulesOf(rules));
  const keywords = new Set(analyzer.prefilter.keywords);
  const onlyMarkers = NOTE_MARKERS.filter((marker) => !keywords.has(marker));
  // One pass finds the analyzer's keywords and the markers: the keyword set is the prefilter's own.
  const automaton = createKeywordAutomaton([...analyzer.prefilter.keywords, ...NOTE_MARKERS]);
  return (job, into) => {
    let bytes: Buffer;
    let length: number;
    try {
      ({ bytes, length } = reader.read(job.absolutePath, job.size));
    } catch (error) {
      into.errors.push(unreadable(job.path, error));
      return;
    }
    if (job.checkContent === true && !analyzer.matchesHeadBytes(job, bytes, length)) return;
    into.filesScanned += 1;
    const found = automaton.scanBytes(bytes, length);
    const marked = NOTE_MARKERS.some((marker) => found.has(marker));
    for (const marker of onlyMarkers) found.delete(marker);
    // With the bytes, a rule whose byte screen rules the file out is not selected (no decode for it).
    const selected = gate.select(found, bytes, length);
    if (selected.length === 0 && !marked) return;
    const text = decodeBytes(bytes, length);
    const notes = marked ? documentNotes(text) : undefined;
    if (notes !== undefined) into.notes.push([job.path, notes]);
    if (selected.length === 0) return;
    const result = runRules([createTextArtifact(lazyDocument(job.path, text), found)], selected);
    into.findings.push(...result.findings);
    into.errors.push(...result.errors);
  };
}

/** A source document whose line index is built on first use (only a file with a finding needs it). */
function lazyDocument(path: string, text: string): SourceDocument {
  let lines: LineIndex | undefined;
  return {
    path,
    text,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}

function unreadable(path: string, error: unknown): ScanError {
  return { path, code: 'FILE_UNREADABLE', message: `Cannot read: ${error instanceof Error ? error.message : String(error)}` };
}
