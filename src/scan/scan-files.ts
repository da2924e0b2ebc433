import { readFileSync } from 'node:fs';
import type { Analyzer, AnalyzerOutput, Artifact, Finding, Rule, ScanError, SourceDocument } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import { decodeText, readHead } from '../core/fs.ts';
import type { WalkedFile } from '../core/walk.ts';
import { walk } from '../core/walk.ts';
import { projectTargets, runProjectRules, runRules } from './run-rules.ts';

export interface FileScanRequest {
  readonly target: string;
  readonly analyzers: readonly Analyzer[];
  readonly rules: readonly Rule[];
  readonly ignorePatterns: readonly string[];
  /** Files larger than this (bytes) that an analyzer wants are reported, not read. */
  readonly maxFileSize: number;
  /** Called for every analysed document (the gate reads inline suppressions from it). */
  readonly onDocument?: (document: SourceDocument) => void;
  readonly onProgress?: (filesSeen: number) => void;
}

export interface FileScanResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly filesScanned: number;
}

/** Walks the target, parses each file an analyzer recognises (once) and runs the rules on its artifacts. */
export function scanFiles(request: FileScanRequest): FileScanResult {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  let filesSeen = 0;
  let filesScanned = 0;
  const keep = projectTargets(request.rules);
  const needed = new Set(request.rules.map((rule) => rule.meta.target));
  const analyzers = request.analyzers.filter((analyzer) => needed.has(analyzer.produces));
  const kept: Artifact[] = [];
  for (const entry of walk(request.target, { ignorePatterns: request.ignorePatterns })) {
    filesSeen += 1;
    request.onProgress?.(filesSeen);
    if (entry.kind === 'error') {
      errors.push(entry.error);
      continue;
    }
    const matching = matchingAnalyzers(analyzers, entry.file);
    if (matching.length === 0) continue;
    const document = readDocument(entry.file, request.maxFileSize, errors);
    if (document === undefined) continue;
    filesScanned += 1;
    request.onDocument?.(document);
    for (const analyzer of matching) {
      const output = analyzeSafely(analyzer, document);
      errors.push(...output.errors);
      const result = runRules(output.artifacts, request.rules);
      findings.push(...result.findings);
      errors.push(...result.errors);
      for (const artifact of output.artifacts) if (keep.has(artifact.kind)) kept.push(artifact);
    }
  }
  const project = runProjectRules(kept, request.rules);
  findings.push(...project.findings);
  errors.push(...project.errors);
  return { findings, errors, filesScanned };
}

function matchingAnalyzers(analyzers: readonly Analyzer[], file: WalkedFile): Analyzer[] {
  let head: string | undefined;
  const sniff = (): string => {
    head ??= readHead(file.absolutePath);
    return head;
  };
  return analyzers.filter((analyzer) => analyzer.matches(file, sniff));
}

function readDocument(file: WalkedFile, maxFileSize: number, errors: ScanError[]): SourceDocument | undefined {
  if (file.size > maxFileSize) {
    errors.push({ path: file.path, code: 'FILE_TOO_LARGE', message: `File is ${file.size} bytes, over the limit of ${maxFileSize} (maxFileSize); not scanned` });
    return undefined;
  }
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
