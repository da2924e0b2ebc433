import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { overriddenInstructions } from '../stages.ts';

export const noMultipleHealthcheck = defineRule<DockerfileArtifact, 'overridden'>({
  meta: {
    id: 'DKR-0013',
    slug: 'no-multiple-healthcheck',
    title: 'Stage has more than one HEALTHCHECK',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Only the last HEALTHCHECK of a stage takes effect; an earlier one is dead code that suggests a check the image does not run.',
    remediation: 'Keep one HEALTHCHECK per stage and delete the others.',
    references: ['https://docs.docker.com/reference/dockerfile/#healthcheck', 'https://github.com/hadolint/hadolint/wiki/DL3012'],
    aliases: [{ tool: 'hadolint', id: 'DL3012', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: { overridden: 'This HEALTHCHECK is replaced by the one on line {line}; only the last HEALTHCHECK of a stage takes effect.' },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      for (const { instruction, replacedBy } of overriddenInstructions(stage, 'healthcheck')) {
        context.report({ messageId: 'overridden', at: { range: instruction.keywordRange }, data: { line: replacedBy.range.start.line } });
      }
    }
  },
});
