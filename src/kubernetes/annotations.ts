import { toJsonPointer } from '../core/index.ts';
import type { JsonObject } from './json.ts';
import { objectPath } from './json.ts';

/** Palisade's own annotation: `palisade.dev/ignore: "<selector>[,<selector>] — <reason>"`. */
export const PALISADE_IGNORE_ANNOTATION = 'palisade.dev/ignore';
/** kube-linter's per-check annotation: `ignore-check.kube-linter.io/<check>: "<reason>"`. */
export const KUBE_LINTER_IGNORE_PREFIX = 'ignore-check.kube-linter.io/';

/** One rule selector waived for an object by an annotation, with the annotation's JSON pointer. */
export interface AnnotationSuppression {
  /** A rule id, slug, `tool:id` alias or pack (`kube-linter:<check>` for kube-linter's annotations). */
  readonly selector: string;
  readonly reason: string;
  readonly pointer: string;
}

/** A `palisade.dev/ignore` annotation that waives nothing, and why. */
export interface AnnotationSuppressionProblem {
  readonly problem: 'missing reason' | 'missing selector';
  readonly pointer: string;
}

/** The separators between selectors and reason: an em dash or `--` (the first one wins). */
const SEPARATORS = ['—', '--'];

/**
 * The suppressions an object declares in `metadata.annotations`: each selector of a valid
 * `palisade.dev/ignore` annotation, then one `kube-linter:<check>` per kube-linter `ignore-check`
 * annotation (its value is the reason; kube-linter does not require one, so a default is given).
 * Invalid `palisade.dev/ignore` annotations waive nothing (see `annotationSuppressionProblems`).
 */
export function annotationSuppressions(artifact: { readonly object: JsonObject }): AnnotationSuppression[] {
  const annotations = objectPath(artifact.object, ['metadata', 'annotations']);
  if (annotations === undefined) return [];
  const result: AnnotationSuppression[] = [];
  const own = parsePalisadeIgnore(annotations[PALISADE_IGNORE_ANNOTATION]);
  if (own !== undefined && own.reason !== '') {
    for (const selector of own.selectors) result.push({ selector, reason: own.reason, pointer: pointerOf(PALISADE_IGNORE_ANNOTATION) });
  }
  for (const [key, value] of Object.entries(annotations)) {
    const check = key.startsWith(KUBE_LINTER_IGNORE_PREFIX) ? key.slice(KUBE_LINTER_IGNORE_PREFIX.length) : '';
    if (check === '') continue;
    const reason = typeof value === 'string' && value.trim() !== '' ? value.trim() : 'ignored by a kube-linter ignore-check annotation';
    result.push({ selector: `kube-linter:${check}`, reason, pointer: pointerOf(key) });
  }
  return result;
}

/** `palisade.dev/ignore` annotations that waive nothing: no selector, or no reason after `—`/`--`. */
export function annotationSuppressionProblems(artifact: { readonly object: JsonObject }): AnnotationSuppressionProblem[] {
  const annotations = objectPath(artifact.object, ['metadata', 'annotations']);
  const own = annotations === undefined ? undefined : parsePalisadeIgnore(annotations[PALISADE_IGNORE_ANNOTATION]);
  if (own === undefined) return [];
  const pointer = pointerOf(PALISADE_IGNORE_ANNOTATION);
  if (own.selectors.length === 0) return [{ problem: 'missing selector', pointer }];
  return own.reason === '' ? [{ problem: 'missing reason', pointer }] : [];
}

function parsePalisadeIgnore(value: unknown): { readonly selectors: string[]; readonly reason: string } | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : '';
  // indexOf, not a regular expression: annotation values are untrusted and may be huge.
  const found = SEPARATORS.map((separator) => ({ at: text.indexOf(separator), length: separator.length })).filter(({ at }) => at !== -1);
  const first = found.sort((a, b) => a.at - b.at)[0];
  const head = first === undefined ? text : text.slice(0, first.at);
  const reason = first === undefined ? '' : text.slice(first.at + first.length).trim();
  return { selectors: head.split(/[\s,]+/).filter((selector) => selector !== ''), reason };
}

function pointerOf(annotation: string): string {
  return toJsonPointer(['metadata', 'annotations', annotation]);
}
