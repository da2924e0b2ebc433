import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { rpmInstallPackages, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

/** hadolint's reading: after the first dash, every part is version-like and one starts with a digit; `.rpm` files are pinned (hadolint misses a dashless `x.rpm`). */
function isPinnedPackage(name: string): boolean {
  if (name.endsWith('.rpm')) return true;
  const parts = name.split('-');
  if (parts.length <= 1) return false;
  const rest = parts.slice(1);
  return rest.every((part) => /^[0-9A-Za-z.~^_:+]*$/.test(part)) && rest.some((part) => /^\d/.test(part));
}

export const requireDnfVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0122',
    slug: 'require-dnf-version-pin',
    title: 'dnf install without a package version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `name-version`, `dnf install` takes the newest package in the repositories at build time, so rebuilds ship different software and a bad release enters unnoticed.',
    remediation: 'Pin each package with `dnf install -y <package>-<version>` (modules with `<module>:<stream>`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3041'],
    aliases: [{ tool: 'hadolint', id: 'DL3041', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: '{command} installs "{package}" without a version; write "{package}-<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['dnf', 'microdnf'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const install = rpmInstallPackages(command, ['dnf', 'microdnf']);
        if (install === undefined) continue;
        for (const word of install.packages) {
          const pinned = install.module ? word.value.includes(':') : isPinnedPackage(word.value);
          if (word.static && !pinned) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { command: command.name.value, package: word.value } });
        }
      }
    }
  },
});
