import type { SourceDocument, SourceRange } from '../core/index.ts';

/** A 0-based LSP position, as `dockerfile-ast` reports it. */
export interface AstPosition {
  readonly line: number;
  readonly character: number;
}

/** A 0-based LSP range, end exclusive. */
export interface AstRange {
  readonly start: AstPosition;
  readonly end: AstPosition;
}

/** Converts between `dockerfile-ast` ranges, offsets into the text, and our 1-based ranges. */
export class SourceMap {
  readonly #source: SourceDocument;

  constructor(source: SourceDocument) {
    this.#source = source;
  }

  get text(): string {
    return this.#source.text;
  }

  /** 0-based LSP range to a 1-based range (end stays exclusive). */
  range(range: AstRange): SourceRange {
    return {
      start: { line: range.start.line + 1, column: range.start.character + 1 },
      end: { line: range.end.line + 1, column: range.end.character + 1 },
    };
  }

  optionalRange(range: AstRange | null | undefined): SourceRange | undefined {
    return range === null || range === undefined ? undefined : this.range(range);
  }

  offset(position: AstPosition): number {
    return this.#source.lines.lineStart(position.line + 1) + position.character;
  }

  rangeOfOffsets(start: number, end: number): SourceRange {
    return this.#source.lines.rangeOf(start, end);
  }

  slice(start: number, end: number): string {
    return this.#source.text.slice(start, end);
  }

  sliceRange(range: AstRange): string {
    return this.slice(this.offset(range.start), this.offset(range.end));
  }
}
