import type { SourceRange, Span } from '../core/index.ts';
import { parseReferenceParts } from '../core/index.ts';
import type { VariableScope } from './expand.ts';
import { expandWord } from './expand.ts';
import type { ImageReference, ImageReferenceKind } from './model.ts';
import type { SourceMap } from './source-map.ts';

/** A stage alias seen so far, for resolving `FROM <alias>`. */
export interface KnownStage {
  readonly index: number;
  readonly name: string | undefined;
}

/**
 * The base image written between two offsets of a FROM instruction: global ARG defaults substituted,
 * parts split, ranges mapped back to the text as written.
 */
export function imageReferenceAt(
  rawStart: number,
  rawEnd: number,
  map: SourceMap,
  scope: VariableScope,
  escapeChar: string,
  earlierStages: readonly KnownStage[],
): ImageReference {
  const raw = map.slice(rawStart, rawEnd);
  const expansion = expandWord(raw, scope, escapeChar);
  const parts = parseReferenceParts(expansion.text);
  const toRange = (span: Span): SourceRange => {
    if (span.end <= span.start) {
      const at = rawStart + (expansion.starts[span.start] ?? raw.length);
      return map.rangeOfOffsets(at, at);
    }
    const start = expansion.starts[span.start] ?? 0;
    const end = expansion.ends[span.end - 1] ?? raw.length;
    return map.rangeOfOffsets(rawStart + start, rawStart + end);
  };
  const stage = expansion.unresolved ? undefined : findStage(expansion.text, earlierStages);
  return {
    kind: kindOf(expansion.unresolved, expansion.text, stage),
    raw,
    text: expansion.text,
    range: map.rangeOfOffsets(rawStart, rawEnd),
    registry: parts.registry,
    repository: parts.repository,
    name: parts.name,
    nameRange: toRange(parts.nameSpan),
    tag: parts.tag,
    tagRange: parts.tagSpan === undefined ? undefined : toRange(parts.tagSpan),
    digest: parts.digest,
    digestRange: parts.digestSpan === undefined ? undefined : toRange(parts.digestSpan),
    stageIndex: stage?.index,
  };
}

/** The reference of a FROM with no image: unresolved, placed on the keyword. */
export function missingImageReference(keywordRange: SourceRange): ImageReference {
  return {
    kind: 'unresolved',
    raw: '',
    text: '',
    range: keywordRange,
    registry: undefined,
    repository: '',
    name: '',
    nameRange: keywordRange,
    tag: undefined,
    tagRange: undefined,
    digest: undefined,
    digestRange: undefined,
    stageIndex: undefined,
  };
}

function findStage(text: string, earlierStages: readonly KnownStage[]): KnownStage | undefined {
  const wanted = text.toLowerCase();
  return earlierStages.findLast((stage) => stage.name?.toLowerCase() === wanted);
}

function kindOf(unresolved: boolean, text: string, stage: KnownStage | undefined): ImageReferenceKind {
  if (unresolved) return 'unresolved';
  if (text.toLowerCase() === 'scratch') return 'scratch';
  return stage === undefined ? 'image' : 'stage';
}
