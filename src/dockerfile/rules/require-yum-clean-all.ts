import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasCacheMount, isRpmClean, rpmInstallPackages, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const PROGRAMS = ['yum'];

export const requireYumCleanAll = defineRule<DockerfileArtifact, 'noClean'>({
  meta: {
    id: 'DKR-0114',
    slug: 'require-yum-clean-all',
    title: 'yum install without yum clean all',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'yum keeps its metadata and downloaded packages under /var/cache/yum; unless the same RUN cleans them, they stay in the layer and only make the image larger.',
    remediation: 'End the RUN with `&& yum clean all` (or `rm -rf /var/cache/yum`), or mount a build cache on /var/cache/yum.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3032'],
    aliases: [{ tool: 'hadolint', id: 'DL3032', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      noClean: '{command} install leaves its cache in the layer; run "{command} clean all" after it in the same RUN.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, PROGRAMS)) return;
    for (const { instruction, script } of shellRuns(dockerfile)) {
      if (hasCacheMount(instruction, ['/var/cache/yum', '/var/cache/dnf'])) continue;
      const install = script.commands.find((command) => rpmInstallPackages(command, PROGRAMS) !== undefined);
      if (install === undefined || script.commands.some((command) => command.index > install.index && isRpmClean(command, PROGRAMS))) continue;
      context.report({ messageId: 'noClean', at: { range: install.name.range }, data: { command: install.name.value }, identity: commandText(install) });
    }
  },
});
