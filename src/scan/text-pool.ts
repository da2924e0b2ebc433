import { readFileSync } from 'node:fs';
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
import type { TextWorker } from './workers.ts';
import { startTextWorkers } from './workers.ts';

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

/**
 * What a worker is sent once: the scan's input, every batch, and the shared claim counters. Each
 * thread takes the next batch with `Atomics.add` on `claims[NEXT]`: no message per batch, so a worker
 * never waits for the main thread's event loop (busy scanning its own share) to hand it more work.
 */
export interface TextWork {
  readonly input: TextWorkerInput;
  readonly batches: readonly TextBatch[];
  /** Shared: [next batch to claim, batches done, batches done by worker 0, by worker 1, …]. */
  readonly claims: Int32Array;
  /** This worker's slot in `claims` (DONE_BY + its index). */
  readonly slot: number;
}

/** Indices in `TextWork.claims`. */
const NEXT = 0;
const DONE = 1;
const DONE_BY = 2;

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
}

export function textWorkerInput(settingsInput: ScanOptions, analyzers: readonly Analyzer[], rules: readonly Rule[]): TextWorkerInput {
  const textRules = textRulesOf(rules);
  const own = new Set(detectorRules);
  const textAnalyzers = analyzers.filter((analyzer) => analyzer.produces === 'text');
  const light = textAnalyzers.length === 1 && textAnalyzers[0] === textAnalyzer && textRules.every((rule) => own.has(rule));
  return light ? { settingsInput, ruleIds: textRules.map((rule) => rule.meta.id) } : { settingsInput };
}

/** The rules a text scan runs: per-file rules that read `text` artifacts. */
export function textRulesOf(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => rule.meta.target === 'text' && !rule.project);
}

/**
 * Scans the files on `count` threads, each running the scan's selected secret rules. With the
 * catalogue's own detector rules (`ruleIds`), the main thread is one of them: it has the rules
 * loaded already, so one worker fewer starts (its start-up is about a third of a CPU-second) and
 * scanning begins at once. Threads claim batches from a shared counter (largest first, so the last
 * ones are small); a worker still loading when the main thread has done them all is not waited for.
 * A single batch goes to a worker. Workers started beforehand (`started`, see workerHeadStart) are
 * used first; those not needed are terminated.
 */
export async function scanTextInWorkers(jobs: readonly TextJob[], input: TextWorkerInput, count: number, started: readonly TextWorker[] = []): Promise<TextBatchResult> {
  const batches = toBatches(jobs);
  const total = emptyTextResult();
  // With one batch, a worker takes it (the main thread would leave nothing to share).
  const here = input.ruleIds === undefined || batches.length < 2 || count < 2 ? undefined : ownScanner(input.ruleIds);
  const wanted = Math.max(0, Math.min(count, batches.length) - (here === undefined ? 0 : 1));
  const workers = [...started.slice(0, wanted), ...startTextWorkers(Math.max(0, wanted - started.length))];
  const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (DONE_BY + workers.length)));
  try {
    const results = workers.map((text, index) => ({ slot: DONE_BY + index, result: resultOf(text, { input, batches, claims, slot: DONE_BY + index }) }));
    await Promise.all(started.slice(wanted).map((text) => text.worker.terminate()));
    if (here !== undefined) scanClaimed(here, batches, claims, undefined, total);
    // Every batch done: a worker that did none (still loading) need not be waited for.
    const allDone = Atomics.load(claims, DONE) === batches.length;
    const waited = results.filter(({ slot }) => !allDone || Atomics.load(claims, slot) > 0);
    for (const result of await Promise.all(waited.map(({ result }) => result))) addTextResult(total, result);
  } finally {
    await Promise.all(workers.map((text) => text.worker.terminate()));
  }
  return total;
}

/** Scans batches claimed from `claims` until none is left (on the main thread or in a worker), counting them in `slot`. */
export function scanClaimed(scan: (job: TextJob, into: TextBatchResult) => void, batches: readonly TextBatch[], claims: Int32Array, slot: number | undefined, into: TextBatchResult): TextBatchResult {
  for (let index = Atomics.add(claims, NEXT, 1); index < batches.length; index = Atomics.add(claims, NEXT, 1)) {
    for (const file of batches[index]?.files ?? []) scan(file, into);
    if (slot !== undefined) Atomics.add(claims, slot, 1);
    Atomics.add(claims, DONE, 1);
  }
  return into;
}

function addTextResult(total: TextBatchResult, result: TextBatchResult): void {
  total.findings.push(...result.findings);
  total.errors.push(...result.errors);
  total.notes.push(...result.notes);
  total.filesScanned += result.filesScanned;
}

/** The scanner of the catalogue's detector rules with these ids (as a worker builds it); undefined when one is missing. */
function ownScanner(ids: readonly string[]): ((job: TextJob, into: TextBatchResult) => void) | undefined {
  const byId = new Map(detectorRules.map((rule) => [rule.meta.id, rule]));
  const rules = ids.flatMap((id) => byId.get(id) ?? []);
  return rules.length === ids.length ? createTextScanner([textAnalyzer], rules) : undefined;
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

/**
 * Sends a worker its work; resolves with what it found, rejects when it fails or ends first (the
 * rejection is handled here too: a worker not waited for is terminated, which is no failure).
 */
function resultOf(text: TextWorker, work: TextWork): Promise<TextBatchResult> {
  const result = new Promise<TextBatchResult>((resolve, reject) => {
    text.worker.once('message', resolve);
    text.ended.then(({ code, error }) => reject(error ?? new Error(`secret scan worker exited with code ${code} before its work was done`)), reject);
    text.worker.postMessage(work);
  });
  result.catch(() => undefined);
  return result;
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
