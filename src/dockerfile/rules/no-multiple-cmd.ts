import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { overriddenInstructions } from '../stages.ts';

export const noMultipleCmd = defineRule<DockerfileArtifact, 'overridden'>({
  meta: {
    id: 'DKR-0010',
    slug: 'no-multiple-cmd',
    title: 'More than one CMD in a stage',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Only the last CMD of a stage takes effect. An earlier one is dead code that misleads the reader about what the container runs.',
    remediation: 'Keep one CMD per stage and delete the others.',
    references: ['https://docs.docker.com/reference/dockerfile/#cmd', 'https://github.com/hadolint/hadolint/wiki/DL4003'],
    aliases: [
      { tool: 'hadolint', id: 'DL4003', relation: 'same' },
      { tool: 'trivy', id: 'DS016', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      overridden: 'This CMD has no effect: the CMD on line {line} of the same stage replaces it.',
    },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      for (const { instruction, replacedBy } of overriddenInstructions(stage, 'cmd')) {
        context.report({
          messageId: 'overridden',
          at: { range: instruction.keywordRange },
          data: { line: replacedBy.range.start.line },
          identity: `CMD ${instruction.arguments.replace(/\s+/g, ' ').trim()}`,
        });
      }
    }
  },
});
