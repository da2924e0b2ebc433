// The modules themselves, not the areas' index files: a secret-scanning worker thread loads this file
// and should not load the gate's rules or every secret rule (the Kubernetes area with them).
import type { InlineSuppression } from '../gate/inline.ts';
import { parseInlineSuppressions } from '../gate/inline.ts';
import { gitleaksAllowLines } from '../secrets/gitleaks.ts';

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
