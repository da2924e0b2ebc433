import { parseExecForm } from './exec-form.ts';
import { joinedSpan, joinLines } from './logical-text.ts';
import type { Word } from './model.ts';
import type { SourceMap } from './source-map.ts';

/** The exec form's strings of the text between two offsets, or undefined for the shell form. */
export function execWordsAt(start: number, end: number, map: SourceMap, escapeChar: string): Word[] | undefined {
  // Most instructions are in shell form: no need to join the lines to see that no `[` opens them.
  const first = map.text.charAt(start);
  if (first !== '[' && first !== escapeChar && first.trim() !== '') return undefined;
  const logical = joinLines(map.text, start, end, escapeChar);
  const strings = parseExecForm(logical.text);
  return strings?.map((item) => {
    const span = joinedSpan(logical, item.start, item.end);
    return { value: item.value, range: map.rangeOfOffsets(span.start, span.end) };
  });
}

/** Removes one pair of matching surrounding quotes. */
export function unquote(value: string): string {
  const first = value.charAt(0);
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return value;
}

