import { defineAnalyzer } from '../core/index.ts';
import type { DockerignoreArtifact } from './dockerignore.ts';
import { createDockerignoreArtifact, isDockerignoreName } from './dockerignore.ts';
import { matchesDockerfileArea } from './matcher.ts';
import type { DockerfileArtifact } from './model.ts';
import { createDockerfileArtifact } from './model.ts';
import { parseDockerfile } from './parse.ts';

/** Dockerfiles, and `.dockerignore` files (the `dockerignore` variant, for project rules). */
export const dockerfileAnalyzer = defineAnalyzer<DockerfileArtifact | DockerignoreArtifact>({
  id: 'dockerfile',
  version: 2,
  produces: 'dockerfile',
  matches: matchesDockerfileArea,
  analyze(document) {
    if (isDockerignoreName(document.path)) return { artifacts: [createDockerignoreArtifact(document)], errors: [] };
    const parsed = parseDockerfile(document);
    if (!parsed.ok) return { artifacts: [], errors: [parsed.error] };
    return { artifacts: [createDockerfileArtifact(document, parsed.value.model)], errors: parsed.value.errors };
  },
});
