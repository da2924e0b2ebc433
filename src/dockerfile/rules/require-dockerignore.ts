import { defineRule } from '../../core/index.ts';
import type { DockerignoreArtifact } from '../dockerignore.ts';
import { directoryOf } from '../dockerignore.ts';
import type { DockerfileArtifact, Word } from '../model.ts';
import { allInstructions } from '../stages.ts';

/** Sources that name the whole build context. */
const WHOLE_CONTEXT = new Set(['.', './', '/', '*', './*']);

/** The first `COPY . …` / `ADD . …` source (not `--from` another stage or image). */
function wholeContextSource(dockerfile: DockerfileArtifact): Word | undefined {
  for (const instruction of allInstructions(dockerfile)) {
    if (instruction.kind !== 'copy' && instruction.kind !== 'add') continue;
    if (instruction.flags.some((flag) => flag.name.toLowerCase() === 'from')) continue;
    const source = instruction.sources.find((word) => WHOLE_CONTEXT.has(word.value.replace(/^(["'])(.*)\1$/, '$2')));
    if (source !== undefined) return source;
  }
  return undefined;
}

/** The ignore file Docker reads for this Dockerfile: `<name>.dockerignore` beside it, else `.dockerignore` there. */
function ignoreFileFor(dockerfile: DockerfileArtifact, ignores: readonly DockerignoreArtifact[]): DockerignoreArtifact | undefined {
  const directory = directoryOf(dockerfile.source.path);
  const name = dockerfile.source.path.split('/').at(-1);
  const here = ignores.filter((ignore) => ignore.directory === directory);
  return here.find((ignore) => ignore.dockerfileName === name) ?? here.find((ignore) => ignore.dockerfileName === undefined);
}

export const requireDockerignore = defineRule<DockerfileArtifact | DockerignoreArtifact, 'missing' | 'empty'>({
  meta: {
    id: 'DKR-0026',
    slug: 'require-dockerignore',
    title: 'Whole build context copied without a .dockerignore',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      '`COPY . .` copies everything in the build context into the image. Without a `.dockerignore`, that includes `.git`, local `.env` files, credentials, keys and build output, which then ship in a layer of the image.',
    remediation: 'Add a `.dockerignore` beside the Dockerfile that excludes at least `.git`, `.env*`, secrets and build output, or copy only the files the image needs.',
    references: ['https://docs.docker.com/build/concepts/context/#dockerignore-files', 'https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.10', 'nist-800-190:4.1.4'],
    packs: [],
    messages: {
      missing: '"{source}" copies the whole build context, and there is no .dockerignore in "{directory}" to keep .git, .env files and keys out of the image.',
      empty: '"{source}" copies the whole build context, and {ignore} excludes nothing.',
    },
  },
  checkProject(context, artifacts) {
    const ignores = artifacts.filter((artifact): artifact is DockerignoreArtifact => artifact.variant === 'dockerignore');
    for (const artifact of artifacts) {
      if (artifact.variant !== 'dockerfile') continue;
      const source = wholeContextSource(artifact);
      if (source === undefined) continue;
      const ignore = ignoreFileFor(artifact, ignores);
      const data = { source: source.value, directory: directoryOf(artifact.source.path) || '.' };
      if (ignore === undefined) context.report({ artifact, messageId: 'missing', at: { range: source.range }, data });
      else if (ignore.patterns.every((pattern) => pattern.negated)) context.report({ artifact, messageId: 'empty', at: { range: source.range }, data: { ...data, ignore: ignore.source.path } });
    }
  },
});
