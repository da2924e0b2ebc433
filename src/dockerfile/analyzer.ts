import type { FileRef } from '../core/index.ts';
import { defineAnalyzer } from '../core/index.ts';
import type { DockerignoreArtifact } from './dockerignore.ts';
import { createDockerignoreArtifact, isDockerignoreName } from './dockerignore.ts';
import type { DockerfileArtifact } from './model.ts';
import { createDockerfileArtifact } from './model.ts';
import { parseDockerfile } from './parse.ts';

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

/** Dockerfiles, and `.dockerignore` files (the `dockerignore` variant, for project rules). */
export const dockerfileAnalyzer = defineAnalyzer<DockerfileArtifact | DockerignoreArtifact>({
  id: 'dockerfile',
  version: 2,
  produces: 'dockerfile',
  matches: (file: FileRef) => isDockerfileName(file.path) || isDockerignoreName(file.path),
  analyze(document) {
    if (isDockerignoreName(document.path)) return { artifacts: [createDockerignoreArtifact(document)], errors: [] };
    const parsed = parseDockerfile(document);
    if (!parsed.ok) return { artifacts: [], errors: [parsed.error] };
    return { artifacts: [createDockerfileArtifact(document, parsed.value.model)], errors: parsed.value.errors };
  },
});
