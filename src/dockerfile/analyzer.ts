import type { FileRef } from '../core/index.ts';
import { defineAnalyzer } from '../core/index.ts';
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

export const dockerfileAnalyzer = defineAnalyzer<DockerfileArtifact>({
  id: 'dockerfile',
  version: 1,
  produces: 'dockerfile',
  matches: (file: FileRef) => isDockerfileName(file.path),
  analyze(document) {
    const parsed = parseDockerfile(document);
    if (!parsed.ok) return { artifacts: [], errors: [parsed.error] };
    return { artifacts: [createDockerfileArtifact(document, parsed.value.model)], errors: parsed.value.errors };
  },
});
