import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

export const useAptGetInsteadOfApt = defineRule<DockerfileArtifact, 'apt'>({
  meta: {
    id: 'DKR-0111',
    slug: 'use-apt-get-instead-of-apt',
    title: 'RUN uses apt instead of apt-get',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      '`apt` is meant for people at a terminal: its command-line interface is not stable between releases and it warns so on every call. Scripts, and so Dockerfiles, should use `apt-get` or `apt-cache`.',
    remediation: 'Replace `apt` with `apt-get` (or `apt-cache` for queries).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3027', 'https://manpages.debian.org/stable/apt/apt.8.en.html'],
    aliases: [
      { tool: 'hadolint', id: 'DL3027', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_9', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      apt: 'RUN uses "apt"; use "apt-get" in scripts.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['apt'])) {
      context.report({ messageId: 'apt', at: { range: command.name.range }, identity: commandText(command) });
    }
  },
});
