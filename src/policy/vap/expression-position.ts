import type { Position } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';

/**
 * The file position of character `offset` of a string value written at `pointer` in a manifest: the
 * start of the scalar plus the offset, read through the scalar's style (plain, quoted with escapes,
 * literal `|` or folded `>` block). Without an offset, the start of the value.
 */
export function positionInString(artifact: KubernetesObjectArtifact, pointer: string, offset: number | undefined): Position | undefined {
  const ranges = artifact.positions.nearest(pointer)?.ranges;
  if (ranges === undefined) return undefined;
  const { lines, text } = artifact.source;
  const start = lines.lineStart(ranges.value.start.line) + ranges.value.start.column - 1;
  const end = lines.lineStart(ranges.value.end.line) + ranges.value.end.column - 1;
  if (offset === undefined || offset < 0) {
    // A collection value starts on the line after its key: point at the key then.
    return ranges.key !== undefined && ranges.key.start.line !== ranges.value.start.line ? ranges.key.start : ranges.value.start;
  }
  return lines.positionAt(start + rawIndexOf(text.slice(start, end), offset));
}

/** Index in the raw scalar text of the `offset`-th character of its decoded value. */
export function rawIndexOf(raw: string, offset: number): number {
  const first = raw[0];
  if (first === '"') return doubleQuotedIndex(raw, offset);
  if (first === '\'') return alignedIndex(raw, 1, offset, undefined);
  if (first === '|' || first === '>') {
    const newline = raw.indexOf('\n');
    return newline === -1 ? raw.length : alignedIndex(raw, newline + 1, offset, blockIndentation(raw.slice(newline + 1)));
  }
  return alignedIndex(raw, 0, offset, undefined);
}

/** The indentation of a block scalar's content: that of its first line that is not blank. */
function blockIndentation(content: string): number {
  const line = content.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return line.length - line.trimStart().length;
}

/**
 * Plain, single-quoted and block scalars: each decoded character is found in the raw text in order,
 * skipping indentation (and, quoted, the second quote of `''`). A line break of the raw text stands
 * for the space or newline it folds into.
 */
function alignedIndex(raw: string, from: number, offset: number, indentation: number | undefined): number {
  const quoted = from === 1;
  let index = from;
  let decoded = 0;
  while (index < raw.length) {
    if (isIndentation(raw, index, indentation)) {
      index += 1;
      continue;
    }
    const isQuote = quoted && raw[index] === '\'';
    if (isQuote && raw[index + 1] !== '\'') return index;
    if (decoded === offset) return index;
    decoded += 1;
    index += isQuote ? 2 : 1;
  }
  return raw.length;
}

/**
 * Spaces at the start of a line are indentation: all of them in flow scalars, the block's
 * indentation in block scalars (spaces beyond it belong to the value).
 */
function isIndentation(raw: string, index: number, indentation: number | undefined): boolean {
  if (raw[index] !== ' ' && raw[index] !== '\t') return false;
  for (let cursor = index - 1; cursor >= -1; cursor -= 1) {
    const character = cursor === -1 ? '\n' : raw[cursor];
    if (character === '\n') return indentation === undefined || index - cursor - 1 < indentation;
    if (character !== ' ' && character !== '\t') return false;
  }
  return false;
}

const ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 4, u: 6, U: 10 };

/** Double-quoted scalars (and JSON strings): escapes are one decoded character; an escaped line break is none. */
function doubleQuotedIndex(raw: string, offset: number): number {
  let index = 1;
  let decoded = 0;
  while (index < raw.length && raw[index] !== '"') {
    const character = raw[index] ?? '';
    if (character === '\\' && (raw[index + 1] === '\n' || raw[index + 1] === '\r')) {
      index = skipLineBreak(raw, index + 1);
      continue;
    }
    if (character === '\n') {
      if (decoded === offset) return index;
      decoded += 1;
      index = skipLineBreak(raw, index);
      continue;
    }
    if (decoded === offset) return index;
    decoded += 1;
    index += character === '\\' ? (ESCAPE_LENGTH[raw[index + 1] ?? ''] ?? 2) : 1;
  }
  return index;
}

function skipLineBreak(raw: string, index: number): number {
  let cursor = index;
  while (cursor < raw.length && /\s/.test(raw[cursor] ?? '')) cursor += 1;
  return cursor;
}
