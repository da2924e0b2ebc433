import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { APT_GET_VALUE_FLAGS, isAptGetInstall, packagesOf } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

/** `pkg=1.2`, a release (`pkg/bookworm`) or a local `.deb` file count as pinned, as in hadolint. */
function isPinned(name: string): boolean {
  return name.includes('=') || name.includes('/') || name.endsWith('.deb');
}

export const requireAptGetVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0103',
    slug: 'require-apt-get-version-pin',
    title: 'apt-get install without a package version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Without `package=version`, `apt-get install` takes whatever the mirror offers on the day of the build, so two builds of one Dockerfile can ship different software and a broken or compromised release enters unnoticed.',
    remediation: 'Pin each package with `apt-get install <package>=<version>`.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3008', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    aliases: [{ tool: 'hadolint', id: 'DL3008', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'apt-get installs "{package}" without a version; write "{package}=<version>".',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['apt-get'])) {
      if (!isAptGetInstall(command)) continue;
      for (const word of packagesOf(command, ['install'], APT_GET_VALUE_FLAGS)) {
        if (word.static && !isPinned(word.value)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
      }
    }
  },
});
