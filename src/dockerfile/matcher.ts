// The files the Dockerfile analyzer reads, decided by name alone. Kept apart from analyzer.ts (which
// loads the parser, the shell grammar and every rule's helpers) so a scan can tell whether a tree
// holds any Dockerfile before it loads the area.
import type { FileRef } from '../core/index.ts';
import { isDockerignoreName } from './dockerignore.ts';

const EXACT_NAMES = new Set(['dockerfile', 'containerfile']);
const PREFIXES = ['dockerfile.', 'containerfile.'];
const NOT_DOCKERFILES = ['.dockerignore', '.md'];

/** `Dockerfile`, `Containerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile.*` (any case), not their `.dockerignore` or `.md` siblings. */
export function isDockerfileName(path: string): boolean {
  const base = (path.split('/').at(-1) ?? '').toLowerCase();
  if (EXACT_NAMES.has(base)) return true;
  if (NOT_DOCKERFILES.some((suffix) => base.endsWith(suffix))) return false;
  return base.endsWith('.dockerfile') || PREFIXES.some((prefix) => base.startsWith(prefix) && base.length > prefix.length);
}

/** The Dockerfile analyzer's `matches`: Dockerfiles and `.dockerignore` files. */
export function matchesDockerfileArea(file: FileRef): boolean {
  return isDockerfileName(file.path) || isDockerignoreName(file.path);
}
