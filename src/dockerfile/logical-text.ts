/**
 * The text of an instruction as Docker reads it: continuation lines joined (the escape character and
 * line break removed), comment and empty lines inside a continuation dropped. `offsets[i]` is the
 * offset in the source of character `i`; `offsets[text.length]` is the end offset.
 */
export interface LogicalText {
  readonly text: string;
  readonly offsets: readonly number[];
}

export function joinContinuations(source: string, start: number, end: number, escapeChar: string): LogicalText {
  let text = '';
  const offsets: number[] = [];
  let lineStart = start;
  let first = true;
  while (lineStart < end) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
    const skipped = !first && (line.trim() === '' || line.trimStart().startsWith('#'));
    first = false;
    if (!skipped) {
      const continued = endsWithEscape(line, escapeChar);
      const kept = continued ? line.trimEnd().slice(0, -1) : line;
      text += kept;
      for (let i = 0; i < kept.length; i += 1) offsets.push(lineStart + i);
      if (!continued) return finish(text, offsets, lineStart + kept.length);
    }
    lineStart = lineEnd + 1;
  }
  return finish(text, offsets, end);
}

function endsWithEscape(line: string, escapeChar: string): boolean {
  return line.trimEnd().endsWith(escapeChar);
}

function finish(text: string, offsets: number[], end: number): LogicalText {
  offsets.push(end);
  return { text, offsets };
}

/** Source offsets of the logical span `[start, end)`. */
export function sourceSpan(logical: LogicalText, start: number, end: number): { start: number; end: number } {
  const sourceStart = logical.offsets[start] ?? 0;
  if (end <= start) return { start: sourceStart, end: sourceStart };
  const last = logical.offsets[end - 1] ?? sourceStart;
  return { start: sourceStart, end: last + 1 };
}
