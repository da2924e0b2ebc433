import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasFlag, shellRuns, yumInstall } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

export const requireDnfYes = defineRule<DockerfileArtifact, 'noYes'>({
  meta: {
    id: 'DKR-0120',
    slug: 'require-dnf-yes',
    title: 'dnf install without -y',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `-y`, `dnf install` asks for confirmation; a build has no terminal to answer, so the step fails.',
    remediation: 'Add `-y` (or `--assumeyes`) to the dnf or microdnf install command.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3038'],
    aliases: [{ tool: 'hadolint', id: 'DL3038', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      noYes: '{command} {subcommand} runs without -y and would wait for confirmation.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['dnf', 'microdnf'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const install = yumInstall(command, ['dnf', 'microdnf']);
        if (install !== undefined && !hasFlag(command, ['y', 'assumeyes'])) context.report({ messageId: 'noYes', at: { range: command.name.range }, data: { command: command.name.value, subcommand: install.value }, identity: commandText(command) });
      }
    }
  },
});
