import { toJsonPointer } from '../../core/index.ts';

/**
 * A validation's `fieldPath` (`spec.replicas`, `spec.containers[0].image`,
 * `metadata.labels['app.kubernetes.io/name']`) as a JSON pointer; undefined when it does not parse.
 */
export function fieldPathToPointer(fieldPath: string): string | undefined {
  const segments: (string | number)[] = [];
  let rest = fieldPath.trim().replace(/^\./, '');
  while (rest !== '') {
    const step = nextSegment(rest);
    if (step === undefined) return undefined;
    segments.push(step.segment);
    rest = step.rest;
  }
  return toJsonPointer(segments);
}

const NAME = /^([^.[\]]+)(.*)$/s;
const INDEX = /^\[(\d+)\](.*)$/s;
const QUOTED = /^\[(['"])(.*?)\1\](.*)$/s;

function nextSegment(text: string): { segment: string | number; rest: string } | undefined {
  const afterDot = text.startsWith('.') ? text.slice(1) : text;
  const index = INDEX.exec(afterDot);
  if (index !== null) return { segment: Number(index[1]), rest: index[2] ?? '' };
  const quoted = QUOTED.exec(afterDot);
  if (quoted !== null) return { segment: quoted[2] ?? '', rest: quoted[3] ?? '' };
  const name = NAME.exec(afterDot);
  if (name === null) return undefined;
  return { segment: name[1] ?? '', rest: name[2] ?? '' };
}
