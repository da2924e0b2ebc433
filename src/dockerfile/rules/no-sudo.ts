import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

export const noSudo = defineRule<DockerfileArtifact, 'sudo'>({
  meta: {
    id: 'DKR-0102',
    slug: 'no-sudo',
    title: 'RUN uses sudo',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      '`sudo` has unpredictable TTY and signal-forwarding behaviour, and its presence means the image ships a privilege-escalation tool and a sudoers policy that an attacker in the container can use.',
    remediation: 'Run the privileged steps as root (switch with USER) and drop to an unprivileged USER afterwards; use `gosu` if the entrypoint must step down.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3004', 'https://docs.docker.com/build/building/best-practices/#user'],
    aliases: [
      { tool: 'hadolint', id: 'DL3004', relation: 'same' },
      { tool: 'checkov', id: 'CKV2_DOCKER_1', relation: 'same' },
    ],
    compliance: ['nist-800-190:4.1.2', 'pci-dss-4.0:7.2.2'],
    packs: [],
    messages: {
      sudo: 'RUN uses sudo; run the step as root with USER instead.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['sudo'])) {
      context.report({ messageId: 'sudo', at: { range: command.name.range }, identity: commandText(command) });
    }
  },
});
