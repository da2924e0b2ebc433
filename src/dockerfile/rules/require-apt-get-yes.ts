import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasFlag, isAptGetInstall } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

export const requireAptGetYes = defineRule<DockerfileArtifact, 'noYes'>({
  meta: {
    id: 'DKR-0106',
    slug: 'require-apt-get-yes',
    title: 'apt-get install without -y',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `-y`, `apt-get install` asks for confirmation; a build has no terminal to answer, so the step fails or depends on defaults.',
    remediation: 'Add `-y` (or `--yes`, `--assume-yes`, `-qq`) to the apt-get install command.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3014'],
    aliases: [{ tool: 'hadolint', id: 'DL3014', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      noYes: 'apt-get install runs without -y and would wait for confirmation.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['apt-get'])) {
      if (isAptGetInstall(command) && !hasFlag(command, ['y', 'yes', 'q', 'assume-yes'])) context.report({ messageId: 'noYes', at: { range: command.name.range }, identity: commandText(command) });
    }
  },
});
