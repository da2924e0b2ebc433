import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasFlag, shellRuns, yumInstall } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

export const requireYumYes = defineRule<DockerfileArtifact, 'noYes'>({
  meta: {
    id: 'DKR-0113',
    slug: 'require-yum-yes',
    title: 'yum install without -y',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `-y`, `yum install` asks for confirmation; a build has no terminal to answer, so the step fails.',
    remediation: 'Add `-y` (or `--assumeyes`) to the yum install command.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3030'],
    aliases: [{ tool: 'hadolint', id: 'DL3030', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      noYes: 'yum {subcommand} runs without -y and would wait for confirmation.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['yum'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const install = yumInstall(command, ['yum']);
        if (install !== undefined && !hasFlag(command, ['y', 'assumeyes'])) context.report({ messageId: 'noYes', at: { range: command.name.range }, data: { subcommand: install.value }, identity: commandText(command) });
      }
    }
  },
});
