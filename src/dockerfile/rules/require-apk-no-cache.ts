import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { commandText, hasCacheMount, hasFlag, isApkAdd } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

export const requireApkNoCache = defineRule<DockerfileArtifact, 'cache'>({
  meta: {
    id: 'DKR-0110',
    slug: 'require-apk-no-cache',
    title: 'apk add without --no-cache',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without `--no-cache`, apk keeps its package index and downloaded packages under /var/cache/apk in the layer, which only makes the image larger.',
    remediation: 'Use `apk add --no-cache …` (it also replaces `apk update` and removing /var/cache/apk/*). `apk add --no-network` downloads nothing and is not reported.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3019'],
    aliases: [{ tool: 'hadolint', id: 'DL3019', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      cache: 'apk add runs without --no-cache and leaves its cache in the layer.',
    },
  },
  check(context, dockerfile) {
    for (const { run, command } of commandsRunning(dockerfile, ['apk'])) {
      if (hasCacheMount(run.instruction, ['/var/cache/apk', '/etc/apk/cache'])) continue;
      if (isApkAdd(command) && !hasFlag(command, ['no-cache', 'no-network'])) context.report({ messageId: 'cache', at: { range: command.name.range }, identity: commandText(command) });
    }
  },
});
