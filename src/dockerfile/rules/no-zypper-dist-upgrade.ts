import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { shellRuns, zypperSubcommand } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

export const noZypperDistUpgrade = defineRule<DockerfileArtifact, 'distUpgrade'>({
  meta: {
    id: 'DKR-0117',
    slug: 'no-zypper-dist-upgrade',
    title: 'zypper dist-upgrade in a RUN',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      '`zypper dist-upgrade` moves the whole distribution to whatever the repositories offer at build time: the image no longer matches its base, rebuilds differ, and the change can break the software installed on top.',
    remediation: 'Use a newer base image instead, or update only the named packages you need (`zypper update -y <package>`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3035'],
    aliases: [{ tool: 'hadolint', id: 'DL3035', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      distUpgrade: '"zypper {subcommand}" upgrades the whole distribution during the build.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['zypper'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const subcommand = zypperSubcommand(command, ['dist-upgrade', 'dup']);
        if (subcommand !== undefined) context.report({ messageId: 'distUpgrade', at: { range: subcommand.range }, data: { subcommand: subcommand.value } });
      }
    }
  },
});
