import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasFlag, shellRuns, zypperSubcommand } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const CHANGING = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

export const requireZypperNonInteractive = defineRule<DockerfileArtifact, 'interactive'>({
  meta: {
    id: 'DKR-0116',
    slug: 'require-zypper-non-interactive',
    title: 'zypper install without a non-interactive switch',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `-n` or `-y`, zypper asks for confirmation; a build has no terminal to answer, so the step fails.',
    remediation: 'Add `-y` to the subcommand (`zypper install -y …`) or the global `-n` (`zypper -n install …`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3034', 'https://en.opensuse.org/SDB:Zypper_manual'],
    aliases: [{ tool: 'hadolint', id: 'DL3034', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      interactive: 'zypper {subcommand} runs without -n or -y and would wait for confirmation.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['zypper'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const subcommand = zypperSubcommand(command, CHANGING);
        if (subcommand === undefined || hasFlag(command, ['y', 'no-confirm', 'n', 'non-interactive'])) continue;
        context.report({ messageId: 'interactive', at: { range: command.name.range }, data: { subcommand: subcommand.value }, identity: commandText(command) });
      }
    }
  },
});
