import type { Location } from '../core/index.ts';
import type { SourceIssue, YamlSource } from '../config/index.ts';
import { describePointer, keyPositionOf, positionOf, rangeOf, toPosition } from '../config/index.ts';
import { isIsoDate } from './exception-match.ts';
import type { ExceptionEntryInput } from './schema.ts';

/** The checks a JSON Schema cannot word well: one of rule/vulnerability, real dates, relative globs, blank text. */
export function entryIssues(source: YamlSource, entry: ExceptionEntryInput, pointer: string): SourceIssue[] {
  const issues: SourceIssue[] = [];
  const name = describePointer(pointer);
  const at = (suffix: string, message: string): void => {
    issues.push({ ...positionOf(source, `${pointer}${suffix}`), message });
  };
  if (entry.rule !== undefined && entry.vulnerability !== undefined) {
    issues.push({ ...keyPositionOf(source, pointer, 'vulnerability'), message: `${name} names both "rule" and "vulnerability"; write one entry for each` });
  }
  if (entry.rule === undefined && entry.vulnerability === undefined) at('', `${name} needs a "rule" or a "vulnerability" to waive`);
  if (!isIsoDate(entry.expires)) at('/expires', `"${name}.expires" must be a date written YYYY-MM-DD (found ${JSON.stringify(entry.expires)})`);
  if (entry.reason.trim() === '') at('/reason', `"${name}.reason" must not be blank`);
  if (entry.owner.trim() === '') at('/owner', `"${name}.owner" must not be blank`);
  entry.paths?.forEach((glob, index) => {
    if (glob.startsWith('/')) at(`/paths/${index}`, `"${name}.paths[${index}]" must be relative to the scan root (found ${JSON.stringify(glob)})`);
  });
  return issues;
}

/** From the entry's `- ` (when it has one) to the end of its last value. */
export function entryLocation(source: YamlSource, pointer: string): Location {
  const range = rangeOf(source, pointer);
  if (range === undefined) return { path: source.path };
  const start = toPosition(source, dashBefore(source.text, range.start));
  const end = toPosition(source, range.end);
  return { path: source.path, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function dashBefore(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && (text[index] === ' ' || text[index] === '\t')) index -= 1;
  return text[index] === '-' ? index : offset;
}
