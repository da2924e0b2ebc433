import type { Artifact } from '../../core/index.ts';
import { defineRule } from '../../core/index.ts';
import type { DockerignoreArtifact } from '../dockerignore.ts';
import { directoryOf } from '../dockerignore.ts';
import type { DockerfileArtifact, Word } from '../model.ts';
import { reportingArtifact } from '../model.ts';
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

/**
 * What the rule keeps of each file, taken as the scan reads it: a Dockerfile that copies the whole
 * context (its source word, and an artifact that holds only its text, to report on), or an ignore
 * file's place and whether it excludes anything. Other Dockerfiles are not kept.
 */
type ContextFact =
  | { readonly type: 'dockerfile'; readonly artifact: Artifact; readonly directory: string; readonly name: string | undefined; readonly source: Word }
  | { readonly type: 'ignore'; readonly path: string; readonly directory: string; readonly dockerfileName: string | undefined; readonly excludesNothing: boolean };

type IgnoreFact = Extract<ContextFact, { readonly type: 'ignore' }>;

function contextFact(artifact: DockerfileArtifact | DockerignoreArtifact): ContextFact | undefined {
  if (artifact.variant === 'dockerignore') {
    const excludesNothing = artifact.patterns.every((pattern) => pattern.negated);
    return { type: 'ignore', path: artifact.source.path, directory: artifact.directory, dockerfileName: artifact.dockerfileName, excludesNothing };
  }
  const source = wholeContextSource(artifact);
  if (source === undefined) return undefined;
  const { path } = artifact.source;
  return { type: 'dockerfile', artifact: reportingArtifact(artifact), directory: directoryOf(path), name: path.split('/').at(-1), source };
}

/** The ignore file Docker reads for this Dockerfile: `<name>.dockerignore` beside it, else `.dockerignore` there. */
function ignoreFileFor(directory: string, name: string | undefined, ignores: readonly IgnoreFact[]): IgnoreFact | undefined {
  const here = ignores.filter((ignore) => ignore.directory === directory);
  return here.find((ignore) => ignore.dockerfileName === name) ?? here.find((ignore) => ignore.dockerfileName === undefined);
}

export const requireDockerignore = defineRule<DockerfileArtifact | DockerignoreArtifact, 'missing' | 'empty', ContextFact>({
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
  collect: contextFact,
  checkProject(context, facts) {
    const ignores = facts.filter((fact): fact is IgnoreFact => fact.type === 'ignore');
    for (const fact of facts) {
      if (fact.type !== 'dockerfile') continue;
      const { artifact, source } = fact;
      const ignore = ignoreFileFor(fact.directory, fact.name, ignores);
      const data = { source: source.value, directory: fact.directory || '.' };
      if (ignore === undefined) context.report({ artifact, messageId: 'missing', at: { range: source.range }, data });
      else if (ignore.excludesNothing) context.report({ artifact, messageId: 'empty', at: { range: source.range }, data: { ...data, ignore: ignore.path } });
    }
  },
});
