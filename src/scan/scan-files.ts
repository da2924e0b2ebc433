import { readFileSync } from 'node:fs';
import type { Analyzer, AnalyzerOutput, Artifact, Finding, Rule, ScanError, SourceDocument } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import { decodeText, readHead } from '../core/fs.ts';
import type { WalkedFile } from '../core/walk.ts';
import { walk } from '../core/walk.ts';
import type { DocumentNotes } from './document-notes.ts';
import { documentNotes } from './document-notes.ts';
import { projectTargets, runProjectRules, runRules } from './run-rules.ts';
import type { ScanOptions } from './settings.ts';
import type { TextJob } from './text-pool.ts';
import { PARALLEL_MIN_BYTES, scanTextInWorkers } from './text-pool.ts';

export interface FileScanRequest {
  readonly target: string;
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
  readonly ignorePatterns: readonly string[];
  /** Files larger than this (bytes) that an analyzer wants are reported, not read. */
  readonly maxFileSize: number;
  readonly onProgress?: (filesSeen: number) => void;
  /**
   * Text files that only secret detection reads may be scanned on worker threads when there is
   * enough of them (PARALLEL_MIN_BYTES); the workers resolve the scan's settings from these options.
   */
  readonly parallel?: { readonly settingsInput: ScanOptions; readonly workers: number; readonly minBytes?: number };
}

export interface FileScanResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly filesScanned: number;
  /** Inline suppressions and `gitleaks:allow` lines, by path (files that have any). */
  readonly notes: Map<string, DocumentNotes>;
}

/**
 * Walks the target, parses each file an analyzer recognises (once) and runs the rules on its
 * artifacts. Files only secret detection reads are kept for last, and scanned on worker threads
 * when there are many megabytes of them.
 */
export async function scanFiles(request: FileScanRequest): Promise<FileScanResult> {
  const state: ScanState = { findings: [], errors: [], filesScanned: 0, notes: new Map(), kept: [] };
  const keep = projectTargets(request.rules);
  const needed = new Set(request.rules.map((rule) => rule.meta.target));
  const analyzers = request.analyzers.filter((analyzer) => needed.has(analyzer.produces));
  const textOnly: TextJob[] = [];
  let filesSeen = 0;
  for (const entry of walk(request.target, { ignorePatterns: request.ignorePatterns })) {
    filesSeen += 1;
    request.onProgress?.(filesSeen);
    if (entry.kind === 'error') {
      state.errors.push(entry.error);
      continue;
    }
    const matching = matchingAnalyzers(analyzers, entry.file);
    if (matching.length === 0 || tooLarge(entry.file, request.maxFileSize, state.errors)) continue;
    if (matching.every((analyzer) => analyzer.produces === 'text')) textOnly.push(entry.file);
    else scanDocument(entry.file, matching, request.rules, keep, state);
  }
  await scanTextFiles(textOnly, request, analyzers, state);
  const project = runProjectRules(state.kept, request.rules);
  state.findings.push(...project.findings);
  state.errors.push(...project.errors);
  return { findings: state.findings, errors: state.errors, filesScanned: state.filesScanned, notes: state.notes };
}

interface ScanState {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  filesScanned: number;
  readonly notes: Map<string, DocumentNotes>;
  readonly kept: Artifact[];
}

function scanDocument(file: WalkedFile, matching: readonly Analyzer[], rules: readonly Rule[], keep: ReadonlySet<string>, state: ScanState): void {
  const document = readDocument(file, state.errors);
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
    for (const artifact of output.artifacts) if (keep.has(artifact.kind)) state.kept.push(artifact);
  }
}

async function scanTextFiles(files: readonly WalkedFile[], request: FileScanRequest, analyzers: readonly Analyzer[], state: ScanState): Promise<void> {
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const { parallel } = request;
  if (parallel !== undefined && parallel.workers > 1 && bytes >= (parallel.minBytes ?? PARALLEL_MIN_BYTES)) {
    const jobs = files.map((file) => ({ path: file.path, absolutePath: file.absolutePath, size: file.size }));
    const result = await scanTextInWorkers(jobs, parallel.settingsInput, parallel.workers);
    state.findings.push(...result.findings);
    state.errors.push(...result.errors);
    state.filesScanned += result.filesScanned;
    for (const [path, notes] of result.notes) state.notes.set(path, notes);
    return;
  }
  const textAnalyzers = analyzers.filter((analyzer) => analyzer.produces === 'text');
  for (const file of files) scanDocument(file, textAnalyzers, request.rules, new Set(), state);
}

function matchingAnalyzers(analyzers: readonly Analyzer[], file: WalkedFile): Analyzer[] {
  let head: string | undefined;
  const sniff = (): string => {
    head ??= readHead(file.absolutePath);
    return head;
  };
  return analyzers.filter((analyzer) => analyzer.matches(file, sniff));
}

function tooLarge(file: WalkedFile, maxFileSize: number, errors: ScanError[]): boolean {
  if (file.size <= maxFileSize) return false;
  errors.push({ path: file.path, code: 'FILE_TOO_LARGE', message: `File is ${file.size} bytes, over the limit of ${maxFileSize} (maxFileSize); not scanned` });
  return true;
}

function readDocument(file: WalkedFile, errors: ScanError[]): SourceDocument | undefined {
  try {
    return createSourceDocument(file.path, decodeText(readFileSync(file.absolutePath)));
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
