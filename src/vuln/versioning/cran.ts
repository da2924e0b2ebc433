// CRAN and Bioconductor versions (R's `package_version`): at least two non-negative integers
// separated by `.` or `-`, compared as lists; with equal prefixes the longer version is greater
// (so 0.1.0 < 0.1.0.0). Numbers are compared as digit strings.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, compareDigits, defineScheme, problem } from './scheme.ts';

export interface NumberListModel {
  readonly numbers: readonly string[];
}

export function parseCran(text: string): Result<NumberListModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  if (!/^\d+(?:[.-]\d+)+$/.test(text)) return problem('not an R package version (numbers separated by "." or "-")', 1);
  return ok({ numbers: text.split(/[.-]/) });
}

/** Lexicographic order on number lists; a proper prefix is lower. */
export function compareNumberLists(a: NumberListModel, b: NumberListModel): number {
  for (let index = 0; index < Math.min(a.numbers.length, b.numbers.length); index += 1) {
    const order = compareDigits(a.numbers[index] ?? '0', b.numbers[index] ?? '0');
    if (order !== 0) return order;
  }
  return Math.sign(a.numbers.length - b.numbers.length);
}

export const cranScheme = defineScheme({ id: 'cran', parse: parseCran, compare: compareNumberLists });
