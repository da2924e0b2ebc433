import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { isZypperInstall, packagesOf, shellRuns, ZYPPER_VALUE_FLAGS } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

/** hadolint's reading: a version relation (`=`, `>=`, `<`, …) or an `.rpm` file. */
function isPinned(name: string): boolean {
  return /[=<>]/.test(name) || name.endsWith('.rpm');
}

export const requireZypperVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0119',
    slug: 'require-zypper-version-pin',
    title: 'zypper install without a package version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without a version, `zypper install` takes the newest package in the repositories at build time, so rebuilds ship different software and a bad release enters unnoticed.',
    remediation: 'Pin each package with `zypper install -y <package>=<version>` (or a range such as `<package>>=<version>`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3037'],
    aliases: [{ tool: 'hadolint', id: 'DL3037', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'zypper installs "{package}" without a version; write "{package}=<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['zypper'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        if (!isZypperInstall(command)) continue;
        for (const word of packagesOf(command, ['install', 'in'], ZYPPER_VALUE_FLAGS)) {
          if (word.static && !isPinned(word.value)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
        }
      }
    }
  },
});
