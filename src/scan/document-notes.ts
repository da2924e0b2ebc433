import type { InlineSuppression } from '../gate/index.ts';
import { parseInlineSuppressions } from '../gate/index.ts';
import { gitleaksAllowLines } from '../secrets/index.ts';

/** What the gate needs to know about one scanned file: its suppression comments and `gitleaks:allow` lines. */
export interface DocumentNotes {
  readonly suppressions: readonly InlineSuppression[];
  readonly allowedLines: readonly number[];
}

/** Reads the notes of one file's text; undefined when it has none (the common case). */
export function documentNotes(text: string): DocumentNotes | undefined {
  const suppressions = parseInlineSuppressions(text);
  const allowed = gitleaksAllowLines(text);
  if (suppressions.length === 0 && allowed.size === 0) return undefined;
  return { suppressions, allowedLines: [...allowed] };
}
