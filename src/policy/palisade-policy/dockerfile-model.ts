import type { DockerInstruction, DockerfileArtifact, ImageReference, Stage } from '../../dockerfile/index.ts';
import { effectiveInstruction } from '../../dockerfile/index.ts';
import type { ModelValue, TargetModel } from './model.ts';
import { RangeRecorder } from './model.ts';

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/**
 * The `Dockerfile` model: parser directives, global ARGs, and each stage with its base image
 * (registry and repository as Docker resolves them), effective USER, exposed ports and instructions.
 * `finalStage` repeats the last stage (the one `docker build` produces).
 */
export function dockerfileModel(artifact: DockerfileArtifact): TargetModel {
  const recorder = new RangeRecorder();
  const stages = artifact.stages.map((stage) => stageModel(artifact, stage, recorder));
  const last = `/stages/${stages.length - 1}`;
  for (const [pointer, range] of [...recorder.ranges]) {
    if (pointer === last || pointer.startsWith(`${last}/`)) recorder.set(`/finalStage${pointer.slice(last.length)}`, range);
  }
  const value = {
    path: artifact.source.path,
    directives: Object.fromEntries(artifact.directives.map((directive) => [directive.name, directive.value])),
    args: artifact.globalArgs.map((arg) => ({ name: arg.name, default: arg.default ?? null })),
    stages,
    finalStage: stages.at(-1) ?? null,
  };
  return { target: 'Dockerfile', artifact, value, ranges: recorder.ranges };
}

function stageModel(artifact: DockerfileArtifact, stage: Stage, recorder: RangeRecorder): { readonly [key: string]: ModelValue } {
  const base = `/stages/${stage.index}`;
  recorder.set(base, stage.range);
  recorder.set(`${base}/baseImage`, stage.from.range);
  recorder.set(`${base}/baseImage/tag`, stage.from.tagRange);
  recorder.set(`${base}/baseImage/digest`, stage.from.digestRange);
  recorder.set(`${base}/baseImage/registry`, stage.from.nameRange);
  recorder.set(`${base}/baseImage/repository`, stage.from.nameRange);
  const user = effectiveInstruction(artifact, stage, 'user');
  recorder.set(`${base}/user`, user?.valueRange ?? user?.range);
  const exposed = stage.instructions.flatMap((instruction) => (instruction.kind === 'expose' ? instruction.ports : []));
  exposed.forEach((port, index) => recorder.set(`${base}/exposedPorts/${index}`, port.range));
  stage.instructions.forEach((instruction, index) => recorder.set(`${base}/instructions/${index}`, instruction.range));
  const healthcheck = effectiveInstruction(artifact, stage, 'healthcheck');
  return {
    index: stage.index,
    name: stage.name ?? null,
    platform: stage.platform ?? null,
    baseImage: imageModel(stage.from),
    user: user?.user ?? null,
    group: user?.group ?? null,
    exposedPorts: exposed.map((port) => ({ port: port.port, protocol: port.protocol ?? 'tcp' })),
    healthcheck: healthcheck === undefined ? null : { disabled: healthcheck.disabled },
    instructions: stage.instructions.map(instructionModel),
  };
}

function imageModel(image: ImageReference): { readonly [key: string]: ModelValue } {
  const isImage = image.kind === 'image';
  const registry = isImage ? normalisedRegistry(image.registry) : null;
  const repository = registry === 'docker.io' && !image.repository.includes('/') ? `library/${image.repository}` : image.repository;
  return {
    kind: image.kind,
    raw: image.raw,
    text: image.text,
    registry,
    repository: isImage ? repository : image.repository,
    name: isImage ? `${registry ?? ''}/${repository}` : image.name,
    tag: image.tag ?? null,
    digest: image.digest ?? null,
    stage: image.stageIndex ?? null,
  };
}

function normalisedRegistry(registry: string | undefined): string {
  const lower = (registry ?? 'docker.io').toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower;
}

function instructionModel(instruction: DockerInstruction): { readonly [key: string]: ModelValue } {
  const common = {
    keyword: instruction.keyword,
    arguments: instruction.arguments,
    line: instruction.range.start.line,
    flags: Object.fromEntries(instruction.flags.map((flag) => [flag.name, flag.value ?? ''])),
  };
  switch (instruction.kind) {
    case 'run':
    case 'cmd':
    case 'entrypoint':
      return { ...common, form: instruction.form, command: instruction.command, exec: instruction.exec.map((word) => word.value) };
    case 'add':
    case 'copy':
      return { ...common, sources: instruction.sources.map((word) => word.value), destination: instruction.destination?.value ?? null };
    case 'arg':
    case 'env':
    case 'label':
      return { ...common, pairs: Object.fromEntries(instruction.pairs.map((pair) => [pair.key, pair.value ?? null])) };
    case 'user':
      return { ...common, user: instruction.user, group: instruction.group ?? null };
    case 'workdir':
      return { ...common, path: instruction.path };
    default:
      return common;
  }
}
