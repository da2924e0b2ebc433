import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasArgument, hasFlag, isAptGetInstall } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

export const requireAptGetNoInstallRecommends = defineRule<DockerfileArtifact, 'recommends'>({
  meta: {
    id: 'DKR-0107',
    slug: 'require-apt-get-no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'By default apt-get also installs the recommended packages of each package: more software in the image, a larger attack surface and more vulnerabilities to patch, for nothing the application asked for.',
    remediation: 'Add `--no-install-recommends` to the apt-get install command and list the packages you need explicitly.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3015', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    aliases: [
      { tool: 'hadolint', id: 'DL3015', relation: 'same' },
    ],
    compliance: ['cis-docker-1.6:4.3', 'nist-800-190:4.1.2'],
    packs: [],
    messages: {
      recommends: 'apt-get install runs without --no-install-recommends and pulls in recommended packages.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['apt-get'])) {
      if (!isAptGetInstall(command)) continue;
      const disabled = hasFlag(command, ['no-install-recommends']) || hasArgument(command, (value) => /APT::Install-Recommends=(?:false|0|no)\b/i.test(value));
      if (!disabled) context.report({ messageId: 'recommends', at: { range: command.name.range }, identity: commandText(command) });
    }
  },
});
