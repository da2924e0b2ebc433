import type { Artifact, SourceDocument } from './artifact.ts';
import type { ScanError } from './finding.ts';

/** A file as the walker sees it, before its content is read. */
export interface FileRef {
  /** Relative to the scan root, `/` separators. */
  readonly path: string;
  readonly size: number;
}

export interface AnalyzerOutput<A extends Artifact = Artifact> {
  readonly artifacts: readonly A[];
  readonly errors: readonly ScanError[];
}

/**
 * Recognises files of one format and parses them into typed artifacts with positions.
 * `matches` is cheap (name, or a short content sniff); `analyze` never opens other files.
 * A file that only looked like a match yields no artifacts and no errors.
 */
export interface Analyzer<A extends Artifact = Artifact> {
  readonly id: string;
  /** Bumped whenever the output's shape or meaning changes (part of cache keys). */
  readonly version: number;
  /** The kind of artifact it yields: the scan runs it only when a selected rule reads that kind. */
  readonly produces: A['kind'];
  matches(file: FileRef, sniff: () => string): boolean;
  analyze(document: SourceDocument): AnalyzerOutput<A>;
}

export function defineAnalyzer<A extends Artifact>(analyzer: Analyzer<A>): Analyzer<A> {
  return Object.freeze(analyzer);
}
