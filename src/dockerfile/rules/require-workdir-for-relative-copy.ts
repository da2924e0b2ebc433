import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, DockerfileModel, Stage } from '../model.ts';
import { stageChain } from '../stages.ts';

/** `/app`, `C:\app`, `C:/app` or a variable: not relative to the working directory. */
function isRelative(destination: string): boolean {
  const unquoted = destination.replace(/^["']|["']$/g, '');
  return !(unquoted.startsWith('/') || unquoted.startsWith('$') || /^[A-Za-z]:[\\/]/.test(unquoted));
}

/** Whether a WORKDIR is in effect at `line` of the stage: earlier in it, or anywhere in a stage it is built FROM. */
function hasWorkdir(dockerfile: DockerfileModel, stage: Stage, line: number): boolean {
  const [own, ...parents] = stageChain(dockerfile, stage);
  if (own?.instructions.some((instruction) => instruction.kind === 'workdir' && instruction.range.start.line < line) === true) return true;
  return parents.some((parent) => parent.instructions.some((instruction) => instruction.kind === 'workdir'));
}

export const requireWorkdirForRelativeCopy = defineRule<DockerfileArtifact, 'relativeDestination'>({
  meta: {
    id: 'DKR-0023',
    slug: 'require-workdir-for-relative-copy',
    title: 'COPY to a relative destination without WORKDIR',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A relative COPY destination is resolved against the working directory, which the base image decides when the stage sets no WORKDIR: the files land somewhere else when the base image changes.',
    remediation: 'Set WORKDIR before the COPY, or give the COPY an absolute destination.',
    references: ['https://docs.docker.com/reference/dockerfile/#workdir', 'https://github.com/hadolint/hadolint/wiki/DL3045'],
    aliases: [{ tool: 'hadolint', id: 'DL3045', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: { relativeDestination: 'COPY destination "{destination}" is relative, but no WORKDIR is set, so it depends on the base image.' },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.kind !== 'copy' || instruction.destination === undefined) continue;
        const { destination } = instruction;
        if (!isRelative(destination.value) || hasWorkdir(dockerfile, stage, instruction.range.start.line)) continue;
        context.report({ messageId: 'relativeDestination', at: { range: destination.range }, data: { destination: destination.value } });
      }
    }
  },
});
