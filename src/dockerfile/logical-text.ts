/**
 * The text of an instruction as Docker reads it: continuation lines joined (the escape character and
 * line break removed), comment and empty lines inside a continuation dropped. `offsets[i]` is the
 * offset in the source of character `i`; `offsets[text.length]` is the end offset.
 */
export interface LogicalText {
  readonly text: string;
  readonly offsets: readonly number[];
}

/**
 * The same joined text with its source offsets as one segment per kept line (no array of one number
 * per character): what the hot paths use, through `sourceOffset`.
 */
export interface JoinedText {
  readonly text: string;
  /** Index in `text` where each segment starts (ascending). */
  readonly starts: readonly number[];
  /** Source offset of each segment's first character. */
  readonly sources: readonly number[];
  /** The source offset just after the last kept character (`offsets[text.length]`). */
  readonly end: number;
}

const CR = 13;

export function joinContinuations(source: string, start: number, end: number, escapeChar: string): LogicalText {
  const joined = joinLines(source, start, end, escapeChar);
  const offsets: number[] = [];
  for (let index = 0; index < joined.text.length; index += 1) offsets.push(sourceOffset(joined, index));
  offsets.push(joined.end);
  return { text: joined.text, offsets };
}

export function joinLines(source: string, start: number, end: number, escapeChar: string): JoinedText {
  let text = '';
  const starts: number[] = [];
  const sources: number[] = [];
  let lineStart = start;
  let first = true;
  while (lineStart < end) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    // The line without its CR; each trimmed form is built once (this runs for every line of every instruction).
    const line = source.slice(lineStart, lineEnd > lineStart && source.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd);
    const skipped = !first && isBlankOrComment(line.trimStart());
    first = false;
    if (!skipped) {
      const trimmed = line.trimEnd();
      const continued = trimmed.endsWith(escapeChar);
      const kept = continued ? trimmed.slice(0, -1) : line;
      if (kept.length > 0) {
        starts.push(text.length);
        sources.push(lineStart);
      }
      text += kept;
      if (!continued) return { text, starts, sources, end: lineStart + kept.length };
    }
    lineStart = lineEnd + 1;
  }
  return { text, starts, sources, end };
}

/** The source offset of character `index` of the joined text (`end` at or past its length). */
export function sourceOffset(joined: JoinedText, index: number): number {
  if (index >= joined.text.length) return joined.end;
  const { starts, sources } = joined;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return (sources[low] ?? 0) + index - (starts[low] ?? 0);
}

/** A line (its leading white space removed) that Docker drops inside a continuation. */
function isBlankOrComment(trimmedStart: string): boolean {
  return trimmedStart === '' || trimmedStart.startsWith('#');
}

/** Source offsets of the logical span `[start, end)`. */
export function sourceSpan(logical: LogicalText, start: number, end: number): { start: number; end: number } {
  const sourceStart = logical.offsets[start] ?? 0;
  if (end <= start) return { start: sourceStart, end: sourceStart };
  const last = logical.offsets[end - 1] ?? sourceStart;
  return { start: sourceStart, end: last + 1 };
}

/** `sourceSpan` for a `JoinedText`. */
export function joinedSpan(joined: JoinedText, start: number, end: number): { start: number; end: number } {
  const sourceStart = start <= joined.text.length ? sourceOffset(joined, start) : 0;
  if (end <= start) return { start: sourceStart, end: sourceStart };
  const last = end - 1 <= joined.text.length ? sourceOffset(joined, end - 1) : sourceStart;
  return { start: sourceStart, end: last + 1 };
}
