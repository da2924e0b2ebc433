import { RE2JS } from 're2js';
import { parseImageReference } from '../../../core/image-ref.ts';

/**
 * The repository an image reference names, normalised as registries resolve it:
 * `nginx` → `docker.io/library/nginx`, `index.docker.io/x/y` → `docker.io/x/y`. No tag, no digest.
 */
export function normalizeRepository(reference: string): string | undefined {
  const parsed = parseImageReference(reference);
  if (parsed === undefined) return undefined;
  const registry = parsed.registry === undefined || parsed.registry === 'index.docker.io' || parsed.registry === 'registry-1.docker.io' ? 'docker.io' : parsed.registry;
  const repository = registry === 'docker.io' && !parsed.repository.includes('/') ? `library/${parsed.repository}` : parsed.repository;
  return `${registry}/${repository}`;
}

export interface ImageGlob {
  readonly text: string;
  matches(repository: string): boolean;
}

/**
 * A glob over normalised repositories: `*` and `?` stay within one path segment, `**` crosses them.
 * A glob without a registry is normalised like a reference (`library/*` → `docker.io/library/*`).
 * Compiled to RE2 (linear time, whatever the glob).
 */
export function compileGlob(text: string): ImageGlob {
  const normalized = normalizeGlob(text);
  let pattern = '';
  for (let index = 0; index < normalized.length; index += 1) {
    const char = normalized.charAt(index);
    if (char === '*' && normalized.charAt(index + 1) === '*') {
      pattern += '.*';
      index += 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += RE2JS.quote(char);
  }
  const compiled = RE2JS.compile(`^${pattern}$`);
  return { text, matches: (repository) => compiled.matches(repository) };
}

function normalizeGlob(text: string): string {
  const first = text.split('/')[0] ?? '';
  if (first.includes('*')) return text;
  const hasRegistry = text.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return first === 'index.docker.io' ? `docker.io${text.slice(first.length)}` : text;
  return text.includes('/') ? `docker.io/${text}` : `docker.io/library/${text}`;
}
