import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, programOf } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

/** hadolint's list: commands that make no sense while building an image. */
const POINTLESS_PROGRAMS = ['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim'];

export const noPointlessRunCommands = defineRule<DockerfileArtifact, 'pointless'>({
  meta: {
    id: 'DKR-0100',
    slug: 'no-pointless-run-commands',
    title: 'RUN calls an interactive or system command that has no effect in a build',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Commands such as `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill` and `mount` are interactive or manage a running system; in a build step they do nothing useful, hang, or hint that the image is treated like a virtual machine.',
    remediation: 'Remove the command from the RUN instruction; start services from the container entrypoint instead.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3001'],
    aliases: [{ tool: 'hadolint', id: 'DL3001', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      pointless: 'RUN calls "{command}", which makes no sense in an image build.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, POINTLESS_PROGRAMS)) {
      const program = programOf(command);
      context.report({ messageId: 'pointless', at: { range: command.name.range }, data: { command: program }, identity: commandText(command) });
    }
  },
});
