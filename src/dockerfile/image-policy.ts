import type { SourceRange } from '../core/index.ts';
import type { ImageReference } from './model.ts';

/** Docker Hub's names; an unqualified image lives there. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** The registry an image is pulled from (`docker.io` for `node`). */
export function normalisedRegistry(image: ImageReference): string {
  const registry = (image.registry ?? 'docker.io').toLowerCase();
  return DOCKER_HUB_ALIASES.has(registry) ? 'docker.io' : registry;
}

/** `registry/repository` as Docker resolves it: `node` → `docker.io/library/node`. */
export function normalisedName(image: ImageReference): string {
  const registry = normalisedRegistry(image);
  const repository = registry === 'docker.io' && !image.repository.includes('/') ? `library/${image.repository}` : image.repository;
  return `${registry}/${repository}`;
}

/** A glob over `/`-separated names: `*` within one component, `**` across components, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob.charAt(index);
    if (char === '*' && glob.charAt(index + 1) === '*') {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The first `length` characters of a one-line range (the whole range when it spans lines). */
export function prefixRange(range: SourceRange, length: number): SourceRange {
  if (range.start.line !== range.end.line || range.end.column - range.start.column < length) return range;
  return { start: range.start, end: { line: range.start.line, column: range.start.column + length } };
}

/** An empty range just after `range` (where a missing part would go). */
export function pointAfter(range: SourceRange): SourceRange {
  return { start: range.end, end: range.end };
}
