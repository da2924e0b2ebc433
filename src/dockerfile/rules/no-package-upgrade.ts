import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand, ShellWord } from '../shell/index.ts';
import { APK_VALUE_FLAGS, APT_GET_VALUE_FLAGS, isProgram, operandsOf, subcommandOf, YUM_VALUE_FLAGS } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

/** The word that upgrades every installed package, if the command does that. */
function upgradeOf(command: ShellCommand): ShellWord | undefined {
  if (isProgram(command, ['apt-get', 'apt'])) return subcommandOf(command, ['upgrade', 'dist-upgrade', 'full-upgrade'], APT_GET_VALUE_FLAGS);
  if (isProgram(command, ['apk'])) return subcommandOf(command, ['upgrade'], APK_VALUE_FLAGS);
  if (!isProgram(command, ['yum', 'dnf', 'microdnf'])) return undefined;
  const operands = operandsOf(command, YUM_VALUE_FLAGS);
  const first = operands[0];
  return first !== undefined && ['upgrade', 'update', 'distro-sync'].includes(first.value) && operands.length === 1 ? first : undefined;
}

export const noPackageUpgrade = defineRule<DockerfileArtifact, 'upgrade'>({
  meta: {
    id: 'DKR-0132',
    slug: 'no-package-upgrade',
    title: 'RUN upgrades every installed package',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Upgrading all packages of the base image inside the build makes the result depend on the day of the build, hides which versions ship, and patches what the base image maintainers should: the image is no longer reproducible.',
    remediation: 'Use a newer, patched base image (pinned by digest) instead, or upgrade only the named packages you need at pinned versions.',
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get', 'https://github.com/hadolint/hadolint/wiki/DL3005'],
    aliases: [],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      upgrade: '"{command} {subcommand}" upgrades every installed package during the build.',
    },
  },
  check(context, dockerfile) {
    // upgradeOf answers only for these programs.
    for (const { command } of commandsRunning(dockerfile, ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'])) {
      const upgrade = upgradeOf(command);
      if (upgrade !== undefined) context.report({ messageId: 'upgrade', at: { range: upgrade.range }, data: { command: command.name.value, subcommand: upgrade.value } });
    }
  },
});
