import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, Stage } from '../model.ts';
import type { ShellCommand, ShellRun } from '../shell/index.ts';
import { APT_GET_VALUE_FLAGS, commandText, hasCacheMount, isAptUpdate, isProgram, subcommandOf } from '../shell/index.ts';
import { finalStage, stageChain } from '../stages.ts';
import { commandsRunning } from '../programs.ts';

/** `rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean` (apt 2.7+), which deletes the lists too. */
function removesAptLists(command: ShellCommand): boolean {
  if (isProgram(command, ['apt-get', 'apt'])) return subcommandOf(command, ['dist-clean'], APT_GET_VALUE_FLAGS) !== undefined;
  return isProgram(command, ['rm']) && command.args.some((arg) => arg.static && arg.value.replace(/\/+$/, '').startsWith('/var/lib/apt/lists'));
}

/** Only layers of the final image matter: the last stage and the stages it is built FROM. */
function shipsLayers(dockerfile: DockerfileArtifact, stage: Stage): boolean {
  return stageChain(dockerfile, finalStage(dockerfile)).includes(stage);
}

export const requireAptListsCleanup = defineRule<DockerfileArtifact, 'listsKept'>({
  meta: {
    id: 'DKR-0104',
    slug: 'require-apt-lists-cleanup',
    title: 'apt-get update without deleting the package lists',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'The package lists that `apt-get update` downloads (tens of megabytes) stay in the layer unless the same RUN deletes them: a larger image, and stale lists that later layers may install from.',
    remediation: 'End the RUN with `rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean`), or use a cache mount (`RUN --mount=type=cache,target=/var/lib/apt/lists …`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3009', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    aliases: [{ tool: 'hadolint', id: 'DL3009', relation: 'similar' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      listsKept: 'apt-get update leaves /var/lib/apt/lists in the layer; delete it in the same RUN.',
    },
  },
  check(context, dockerfile) {
    // The first `apt-get update` of each RUN (isAptUpdate answers only for these programs).
    let checked: ShellRun | undefined;
    for (const { run, command: update } of commandsRunning(dockerfile, ['apt-get', 'apt'])) {
      if (run === checked || !isAptUpdate(update)) continue;
      checked = run;
      const { stage, instruction, script } = run;
      if (script.commands.some(removesAptLists) || !shipsLayers(dockerfile, stage)) continue;
      if (hasCacheMount(instruction, ['/var/lib/apt/lists']) || (hasCacheMount(instruction, ['/var/lib/apt']) && hasCacheMount(instruction, ['/var/cache/apt']))) continue;
      context.report({ messageId: 'listsKept', at: { range: update.name.range }, identity: commandText(update) });
    }
  },
});
