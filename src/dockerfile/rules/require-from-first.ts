import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';

export const requireFromFirst = defineRule<DockerfileArtifact, 'beforeFrom'>({
  meta: {
    id: 'DKR-0025',
    slug: 'require-from-first',
    title: 'Instruction other than ARG before the first FROM',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'A Dockerfile must begin with FROM, optionally preceded by ARG instructions, parser directives and comments; Docker rejects any other instruction before the first FROM.',
    remediation: 'Move the instruction after the FROM of the stage it belongs to.',
    references: ['https://docs.docker.com/reference/dockerfile/#format', 'https://github.com/hadolint/hadolint/wiki/DL3061'],
    aliases: [{ tool: 'hadolint', id: 'DL3061', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { beforeFrom: '{keyword} comes before the first FROM; only ARG may.' },
  },
  check(context, dockerfile) {
    for (const instruction of dockerfile.preamble) {
      if (instruction.kind === 'arg') continue;
      context.report({ messageId: 'beforeFrom', at: { range: instruction.keywordRange }, data: { keyword: instruction.keyword } });
    }
  },
});
