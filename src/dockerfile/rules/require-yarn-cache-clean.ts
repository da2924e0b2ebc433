import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand } from '../shell/index.ts';
import { commandText, hasCacheMount, isProgram, operandsOf, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

function isYarnInstall(command: ShellCommand): boolean {
  return isProgram(command, ['yarn']) && operandsOf(command)[0]?.value === 'install';
}

function isYarnCacheClean(command: ShellCommand): boolean {
  const operands = operandsOf(command).map((word) => word.value);
  return isProgram(command, ['yarn']) && operands[0] === 'cache' && operands[1] === 'clean';
}

export const requireYarnCacheClean = defineRule<DockerfileArtifact, 'cache'>({
  meta: {
    id: 'DKR-0126',
    slug: 'require-yarn-cache-clean',
    title: 'yarn install without yarn cache clean',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'yarn keeps a copy of every package in its global cache; unless the same RUN cleans it, the cache stays in the layer and only makes the image larger.',
    remediation: 'Add `&& yarn cache clean` to the RUN that runs `yarn install`, or mount a build cache on the yarn cache folder.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3060', 'https://classic.yarnpkg.com/en/docs/cli/cache'],
    aliases: [{ tool: 'hadolint', id: 'DL3060', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      cache: 'yarn install leaves its cache in the layer; run "yarn cache clean" in the same RUN.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['yarn'])) return;
    for (const { instruction, script } of shellRuns(dockerfile)) {
      if (hasCacheMount(instruction, ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/root/.yarn'])) continue;
      const install = script.commands.find(isYarnInstall);
      if (install !== undefined && !script.commands.some((command) => command.index > install.index && isYarnCacheClean(command))) context.report({ messageId: 'cache', at: { range: install.name.range }, identity: commandText(install) });
    }
  },
});
