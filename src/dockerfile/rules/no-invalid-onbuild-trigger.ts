import { defineRule } from '../../core/index.ts';
import { prefixRange } from '../image-policy.ts';
import type { DockerfileArtifact } from '../model.ts';
import { allInstructions } from '../stages.ts';

const FORBIDDEN_TRIGGERS = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export const noInvalidOnbuildTrigger = defineRule<DockerfileArtifact, 'forbiddenTrigger'>({
  meta: {
    id: 'DKR-0021',
    slug: 'no-invalid-onbuild-trigger',
    title: 'ONBUILD triggers FROM, MAINTAINER or ONBUILD',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Docker does not allow `ONBUILD FROM`, `ONBUILD MAINTAINER` or `ONBUILD ONBUILD`: the image builds, but every build on top of it fails.',
    remediation: 'Remove the trigger, or move the instruction into the Dockerfiles that build on this image.',
    references: ['https://docs.docker.com/reference/dockerfile/#onbuild', 'https://github.com/hadolint/hadolint/wiki/DL3043'],
    aliases: [{ tool: 'hadolint', id: 'DL3043', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { forbiddenTrigger: 'ONBUILD cannot trigger {trigger}; builds based on this image will fail.' },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.keyword !== 'ONBUILD' || instruction.argumentsRange === undefined) continue;
      const trigger = /^\S+/.exec(instruction.arguments)?.[0] ?? '';
      if (!FORBIDDEN_TRIGGERS.has(trigger.toUpperCase())) continue;
      const at = prefixRange(instruction.argumentsRange, trigger.length);
      context.report({ messageId: 'forbiddenTrigger', at: { range: at }, data: { trigger: trigger.toUpperCase() } });
    }
  },
});
