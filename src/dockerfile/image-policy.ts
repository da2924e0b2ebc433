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

/** The base-image policy (rule options shared by every rule of the `base-image-policy` pack). */
export interface BaseImagePolicy {
  readonly allowedRegistries: readonly string[];
  readonly allowedImages: readonly string[];
  readonly requireDigest: boolean;
  readonly forbiddenTags: readonly string[];
}

const STRING_LIST = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/** One options spec for the Dockerfile and the image rule, so one `ruleOptions` entry configures both. */
export const BASE_IMAGE_POLICY_OPTIONS = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowedRegistries: { ...STRING_LIST, description: 'Registries base images may come from (`docker.io` also matches unqualified images); empty allows any.' },
      allowedImages: { ...STRING_LIST, description: 'Globs over the normalised `registry/repository` (`docker.io/library/*`, `ghcr.io/acme/**`); empty allows any.' },
      requireDigest: { type: 'boolean', description: 'Every base image must carry a digest.' },
      forbiddenTags: { ...STRING_LIST, description: 'Tags base images must not use (`latest` has its own rule, no-latest-tag).' },
    },
  },
  defaults: { allowedRegistries: [], allowedImages: [], requireDigest: false, forbiddenTags: [] },
} as const satisfies { readonly defaults: BaseImagePolicy; readonly schema: object };
