import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, Stage } from '../model.ts';
import type { ShellCommand } from '../shell/index.ts';
import { commandText, hasCacheMount, isPipInstall, shellRuns } from '../shell/index.ts';
import { stageChain } from '../stages.ts';
import { PIP_PROGRAMS, runsProgramMatching } from '../programs.ts';

const TRUTHY = new Set(['1', 'true', 'on', 'yes']);

/** `ENV PIP_NO_CACHE_DIR=1` in the stage, or a stage it is built FROM. */
function cacheDisabledByEnv(dockerfile: DockerfileArtifact, stage: Stage): boolean {
  return stageChain(dockerfile, stage).some((member) =>
    member.instructions.some((instruction) => instruction.kind === 'env' && instruction.pairs.some((pair) => pair.key === 'PIP_NO_CACHE_DIR' && TRUTHY.has((pair.value ?? '').toLowerCase()))),
  );
}

/** pipx and pipenv manage their own caches, as hadolint says. */
function isWrapper(command: ShellCommand): boolean {
  return /pipx|pipenv/.test(command.name.value) || command.args.some((arg) => arg.value === 'pipx' || arg.value === 'pipenv');
}

function disablesCache(command: ShellCommand): boolean {
  return command.args.some((arg) => arg.value === '--no-cache-dir');
}

export const requirePipNoCacheDir = defineRule<DockerfileArtifact, 'cache'>({
  meta: {
    id: 'DKR-0123',
    slug: 'require-pip-no-cache-dir',
    title: 'pip install without --no-cache-dir',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'pip keeps every downloaded wheel in its cache directory; in an image that cache is never used again and only makes the layer larger.',
    remediation: 'Use `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a build cache on the pip cache directory.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3042', 'https://pip.pypa.io/en/stable/topics/caching/'],
    aliases: [{ tool: 'hadolint', id: 'DL3042', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      cache: 'pip install runs without --no-cache-dir and leaves its cache in the layer.',
    },
  },
  check(context, dockerfile) {
    if (!runsProgramMatching(dockerfile, PIP_PROGRAMS)) return;
    for (const { stage, instruction, script } of shellRuns(dockerfile)) {
      if (hasCacheMount(instruction, ['/root/.cache']) || cacheDisabledByEnv(dockerfile, stage)) continue;
      if (/PIP_NO_CACHE_DIR=["']?(?:1|true|on|yes)\b/i.test(instruction.command)) continue;
      for (const command of script.commands) {
        if (isPipInstall(command) && !disablesCache(command) && !isWrapper(command)) context.report({ messageId: 'cache', at: { range: command.name.range }, identity: commandText(command) });
      }
    }
  },
});
