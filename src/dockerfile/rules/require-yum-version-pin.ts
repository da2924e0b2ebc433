import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { rpmInstallPackages, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

/** hadolint's reading: a package is pinned by `name-version` (any dash) or an `.rpm` file; a module by `name:stream`. */
function isPinned(name: string, module: boolean): boolean {
  return module ? name.includes(':') : name.includes('-') || name.endsWith('.rpm');
}

export const requireYumVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0115',
    slug: 'require-yum-version-pin',
    title: 'yum install without a package version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `name-version`, `yum install` takes the newest package in the repositories at build time, so rebuilds ship different software and a bad release enters unnoticed.',
    remediation: 'Pin each package with `yum install -y <package>-<version>` (modules with `<module>:<stream>`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3033'],
    aliases: [{ tool: 'hadolint', id: 'DL3033', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'yum installs "{package}" without a version; write "{package}-<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['yum'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const install = rpmInstallPackages(command, ['yum']);
        for (const word of install?.packages ?? []) {
          if (word.static && !isPinned(word.value, install?.module === true)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
        }
      }
    }
  },
});
