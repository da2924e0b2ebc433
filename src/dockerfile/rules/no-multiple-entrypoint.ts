import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { overriddenInstructions } from '../stages.ts';

export const noMultipleEntrypoint = defineRule<DockerfileArtifact, 'overridden'>({
  meta: {
    id: 'DKR-0011',
    slug: 'no-multiple-entrypoint',
    title: 'More than one ENTRYPOINT in a stage',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Only the last ENTRYPOINT of a stage takes effect. An earlier one is dead code that misleads the reader about what the container runs.',
    remediation: 'Keep one ENTRYPOINT per stage and delete the others.',
    references: ['https://docs.docker.com/reference/dockerfile/#entrypoint', 'https://github.com/hadolint/hadolint/wiki/DL4004'],
    aliases: [
      { tool: 'hadolint', id: 'DL4004', relation: 'same' },
      { tool: 'trivy', id: 'DS007', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      overridden: 'This ENTRYPOINT has no effect: the ENTRYPOINT on line {line} of the same stage replaces it.',
    },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      for (const { instruction, replacedBy } of overriddenInstructions(stage, 'entrypoint')) {
        context.report({
          messageId: 'overridden',
          at: { range: instruction.keywordRange },
          data: { line: replacedBy.range.start.line },
          identity: `ENTRYPOINT ${instruction.arguments.replace(/\s+/g, ' ').trim()}`,
        });
      }
    }
  },
});
