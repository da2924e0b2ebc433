/** A 1-based line and column (columns count UTF-16 code units, as SARIF's default). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A span in a file; `end` is exclusive. */
export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

export interface KubernetesObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * Where a finding or error is. `path` is relative to the scan root with `/` separators
 * (or an image reference plus layer digest). Lines and columns are 1-based; `endColumn` is exclusive.
 */
export interface Location {
  readonly path: string;
  readonly startLine?: number;
  readonly startColumn?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly object?: KubernetesObjectRef;
  readonly jsonPointer?: string;
}

export function locationFromRange(path: string, range: SourceRange | undefined): Location {
  if (range === undefined) return { path };
  return {
    path,
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

/** Maps character offsets in one text to 1-based positions. Built once per file. */
export class LineIndex {
  readonly #lineStarts: number[];
  readonly #length: number;

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.#lineStarts = starts;
    this.#length = text.length;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.#length));
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (this.#lineStarts[low] ?? 0) + 1 };
  }

  rangeOf(startOffset: number, endOffset: number): SourceRange {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset of the first character of a 1-based line (the text length past the end). */
  lineStart(line: number): number {
    return this.#lineStarts[line - 1] ?? this.#length;
  }
}

/** Splits an RFC 6901 JSON pointer into its unescaped segments. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Builds an RFC 6901 JSON pointer from segments. */
export function toJsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
