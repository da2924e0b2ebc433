// Hackage (Haskell) versions: Cabal's `Version`, a non-empty list of non-negative integers
// separated by `.`, ordered as lists (so 1.0 > 1). Numbers are compared as digit strings.
import type { Result } from '../../core/index.ts';
import { ok } from '../../core/index.ts';
import type { NumberListModel } from './cran.ts';
import { compareNumberLists } from './cran.ts';
import type { ParseProblem } from './scheme.ts';
import { checkText, defineScheme, problem } from './scheme.ts';

export function parseHackage(text: string): Result<NumberListModel, ParseProblem> {
  const bad = checkText(text);
  if (bad !== undefined) return problem(bad.reason, bad.column);
  if (!/^\d+(?:\.\d+)*$/.test(text)) return problem('not a Hackage version (numbers separated by ".")', 1);
  return ok({ numbers: text.split('.') });
}

export const hackageScheme = defineScheme({ id: 'hackage', parse: parseHackage, compare: compareNumberLists });
