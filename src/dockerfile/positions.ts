import type { LineIndex, Position, SourceRange } from '../core/index.ts';

/**
 * `LineIndex.positionAt` for callers that ask in (mostly) increasing order: the line of the last
 * answer is kept, so positions on the same line need no binary search. Same results, fresh objects.
 */
export class PositionCursor {
  readonly #lines: LineIndex;
  #line = 0;
  #lineStart = 0;
  #nextLineStart = -1;

  constructor(lines: LineIndex) {
    this.#lines = lines;
  }

  position(offset: number): Position {
    if (offset >= this.#lineStart && offset < this.#nextLineStart) return { line: this.#line, column: offset - this.#lineStart + 1 };
    const position = this.#lines.positionAt(offset);
    this.#line = position.line;
    this.#lineStart = this.#lines.lineStart(position.line);
    this.#nextLineStart = this.#lines.lineStart(position.line + 1);
    return position;
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end) };
  }
}
