import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasCacheMount, isZypperInstall, shellRuns, zypperSubcommand } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

export const requireZypperClean = defineRule<DockerfileArtifact, 'noClean'>({
  meta: {
    id: 'DKR-0118',
    slug: 'require-zypper-clean',
    title: 'zypper install without zypper clean',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'zypper keeps repository metadata and packages under /var/cache/zypp; unless the same RUN cleans them, they stay in the layer and only make the image larger.',
    remediation: 'End the RUN with `&& zypper clean` (or `zypper cc`), or mount a build cache on /var/cache/zypp.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3036'],
    aliases: [{ tool: 'hadolint', id: 'DL3036', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      noClean: 'zypper install leaves its cache in the layer; run "zypper clean" after it in the same RUN.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['zypper'])) return;
    for (const { instruction, script } of shellRuns(dockerfile)) {
      if (hasCacheMount(instruction, ['/var/cache/zypp'])) continue;
      const install = script.commands.find(isZypperInstall);
      if (install === undefined) continue;
      const cleaned = script.commands.some((command) => command.index > install.index && zypperSubcommand(command, ['clean', 'cc']) !== undefined);
      if (!cleaned) context.report({ messageId: 'noClean', at: { range: install.name.range }, identity: commandText(install) });
    }
  },
});
