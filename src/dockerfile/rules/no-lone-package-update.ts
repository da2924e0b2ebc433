import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand, ShellWord } from '../shell/index.ts';
import { APK_VALUE_FLAGS, APT_GET_VALUE_FLAGS, isProgram, subcommandOf } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

const APT_USES = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'reinstall'];

function updateOf(command: ShellCommand): ShellWord | undefined {
  if (isProgram(command, ['apt-get', 'apt'])) return subcommandOf(command, ['update'], APT_GET_VALUE_FLAGS);
  if (isProgram(command, ['apk'])) return subcommandOf(command, ['update'], APK_VALUE_FLAGS);
  return undefined;
}

function usesIndex(command: ShellCommand): boolean {
  if (isProgram(command, ['apt-get', 'apt'])) return subcommandOf(command, APT_USES, APT_GET_VALUE_FLAGS) !== undefined;
  if (isProgram(command, ['apk'])) return subcommandOf(command, ['add', 'upgrade', 'fix'], APK_VALUE_FLAGS) !== undefined;
  return false;
}

export const noLonePackageUpdate = defineRule<DockerfileArtifact, 'alone'>({
  meta: {
    id: 'DKR-0134',
    slug: 'no-lone-package-update',
    title: 'Package index updated in a RUN that installs nothing',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A RUN that only updates the package index is cached as its own layer: later builds reuse the old index while the install step below it changes, so packages come from a stale index (or fail to download).',
    remediation: 'Run the update and the install in the same RUN: `RUN apt-get update && apt-get install -y …`.',
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get', 'https://www.cisecurity.org/benchmark/docker'],
    aliases: [{ tool: 'checkov', id: 'CKV_DOCKER_5', relation: 'same' }],
    compliance: ['cis-docker-1.6:4.7'],
    packs: [],
    messages: {
      alone: '"{command} update" runs without an install in the same RUN.',
    },
  },
  check(context, dockerfile) {
    // updateOf and usesIndex answer only for these programs.
    for (const { run, command } of commandsRunning(dockerfile, ['apt-get', 'apt', 'apk'])) {
      const update = updateOf(command);
      if (update === undefined || run.script.commands.some(usesIndex)) continue;
      context.report({ messageId: 'alone', at: { range: update.range }, data: { command: command.name.value } });
    }
  },
});
