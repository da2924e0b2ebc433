// Binary files whose packages are inside them (jars, Go executables): read whole during the layer
// pass, reduced there to a small text summary, and only the summary is kept (and cached) under the
// file's path. An inventory analyzer that recognises the summary's first line then parses it like
// any other package file of the final filesystem, so whiteouts and later replacements apply.
import type { ErrorCode } from '../../core/index.ts';

/** Binary files are read whole up to this size; larger ones are reported and skipped. */
export const MAX_EXTRACT_BYTES = 64 * 1024 * 1024;

export interface ExtractProblem {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface Extracted {
  /** The text kept in place of the file, or undefined when it holds no packages. */
  readonly summary: string | undefined;
  readonly problems: readonly ExtractProblem[];
}

/** Wants files by path or by their first bytes, and reduces each to a summary an analyzer reads. */
export interface ContentExtractor {
  readonly id: string;
  /** Bumped whenever the summary changes (part of the layer cache key). */
  readonly version: number;
  /** Cheap: the path in the image (`app/app.jar`) and up to 4 KiB of the file's first bytes. */
  wants(path: string, head: Uint8Array): boolean;
  /** Never throws: a file it cannot read gives problems and no summary. */
  extract(bytes: Buffer, path: string): Promise<Extracted>;
}

/** The first line of a summary: `#palisade-extract <kind> 1`, what its analyzer matches. */
export function summaryMarker(kind: string): string {
  return `#palisade-extract ${kind} 1\n`;
}

/** The summary: its marker line, then one JSON value. */
export function writeSummary(kind: string, value: unknown): string {
  return `${summaryMarker(kind)}${JSON.stringify(value)}\n`;
}

/** The JSON value of a summary of `kind`, or undefined when the text is not one. */
export function readSummary(kind: string, text: string): unknown {
  const marker = summaryMarker(kind);
  if (!text.startsWith(marker)) return undefined;
  try {
    return JSON.parse(text.slice(marker.length));
  } catch {
    return undefined;
  }
}

export function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}
