import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { APK_VALUE_FLAGS, isApkAdd, packagesOf } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

/** `pkg=1.2-r0`, `pkg~1.2` or a local `.apk` file count as pinned, as in hadolint. */
function isPinned(name: string): boolean {
  return name.includes('=') || name.includes('~') || name.endsWith('.apk');
}

export const requireApkVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0109',
    slug: 'require-apk-version-pin',
    title: 'apk add without a package version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Without `package=version`, `apk add` installs whatever the repository holds on the day of the build, so rebuilds ship different software and a bad release enters unnoticed.',
    remediation: 'Pin each package with `apk add <package>=<version>` (or `~<version>` for a patch range).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3018', 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper'],
    aliases: [{ tool: 'hadolint', id: 'DL3018', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'apk adds "{package}" without a version; write "{package}=<version>".',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['apk'])) {
      if (!isApkAdd(command)) continue;
      for (const word of packagesOf(command, ['add'], APK_VALUE_FLAGS)) {
        if (word.static && !isPinned(word.value)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
      }
    }
  },
});
