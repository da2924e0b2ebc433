import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, Stage } from '../model.ts';
import { instructionsOfKind } from '../stages.ts';

/** `--from=` values that name an image (`nginx:1.27`, `ghcr.io/a/b`, `x@sha256:…`) rather than a stage. */
function isImageReference(value: string): boolean {
  return /[:/@]/.test(value);
}

function isEarlierStage(value: string, stage: Stage, earlier: readonly Stage[]): boolean {
  if (/^\d+$/.test(value)) return Number(value) < stage.index;
  return earlier.some((candidate) => candidate.name?.toLowerCase() === value.toLowerCase());
}

export const noUnknownCopyFromStage = defineRule<DockerfileArtifact, 'unknownStage'>({
  meta: {
    id: 'DKR-0016',
    slug: 'no-unknown-copy-from-stage',
    title: 'COPY --from names no earlier stage',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A `COPY --from=name` whose name is not the alias of an earlier stage makes Docker pull an image of that name from a registry instead: a typo in a stage name silently copies files from whatever image a registry serves under it.',
    remediation: 'Use the alias (or the index) of an earlier stage, or write a full image reference with a tag (`--from=nginx:1.27`) when copying from an image is intended.',
    references: ['https://docs.docker.com/reference/dockerfile/#copy---from', 'https://github.com/hadolint/hadolint/wiki/DL3022'],
    aliases: [{ tool: 'hadolint', id: 'DL3022', relation: 'same' }],
    compliance: ['nist-800-190:4.1.5'],
    packs: [],
    messages: { unknownStage: 'COPY --from="{name}" names no earlier stage; Docker would pull an image called "{name}" instead.' },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      const earlier = dockerfile.stages.slice(0, stage.index);
      for (const copy of instructionsOfKind(stage, 'copy')) {
        const from = copy.flags.find((flag) => flag.name.toLowerCase() === 'from');
        if (from?.value === undefined || from.valueRange === undefined || from.value.includes('$')) continue;
        if (isImageReference(from.value) || isEarlierStage(from.value, stage, earlier)) continue;
        if (stage.name?.toLowerCase() === from.value.toLowerCase()) continue; // its own stage: no-copy-from-own-stage
        context.report({ messageId: 'unknownStage', at: { range: from.valueRange }, data: { name: from.value } });
      }
    }
  },
});
