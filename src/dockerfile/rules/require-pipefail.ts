import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand, ShellScript } from '../shell/index.ts';
import { commandText, flagsOf, isProgram, shellRuns } from '../shell/index.ts';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

/** `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (any shell hadolint accepts, `-eo pipefail` too). */
function shellSetsPipefail(shell: readonly string[]): boolean {
  const program = (shell[0] ?? '').split('/').at(-1) ?? '';
  return PIPEFAIL_SHELLS.has(program) && shell.some((arg, index) => /^-[a-z]*o$/.test(arg) && shell[index + 1] === 'pipefail');
}

function setsPipefail(command: ShellCommand): boolean {
  if (!isProgram(command, ['set'])) return false;
  return flagsOf(command).some((flag) => flag.name === 'o') && command.args.some((arg) => arg.value === 'pipefail');
}

/** `echo`/`printf` cannot fail in a way pipefail would catch: `echo "$sum  file" | sha256sum -c` is safe. */
const CANNOT_FAIL = ['echo', 'printf'];

/** The first pipe that can hide a failure and that no earlier `set -o pipefail` covers. */
function unprotectedPipe(script: ShellScript): ShellScript['pipes'][number] | undefined {
  const pipe = script.pipes.find((candidate) => {
    const left = script.commands[candidate.left];
    return left !== undefined && !isProgram(left, CANNOT_FAIL);
  });
  if (pipe === undefined) return undefined;
  return script.commands.some((command) => command.index < pipe.left && setsPipefail(command)) ? undefined : pipe;
}

export const requirePipefail = defineRule<DockerfileArtifact, 'pipefail'>({
  meta: {
    id: 'DKR-0129',
    slug: 'require-pipefail',
    title: 'RUN with a pipe but without pipefail',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A pipeline returns the status of its last command only: in `curl … | tar x` a failed download still lets the build go on with a broken or empty result, unless pipefail makes the pipeline fail.',
    remediation: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (or start the RUN with `set -o pipefail &&` where the shell supports it).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL4006', 'https://docs.docker.com/build/building/best-practices/#using-pipes'],
    aliases: [{ tool: 'hadolint', id: 'DL4006', relation: 'similar' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      pipefail: 'RUN pipes into "{command}" without pipefail; a failure before the pipe is ignored.',
    },
  },
  check(context, dockerfile) {
    for (const { script, shell } of shellRuns(dockerfile)) {
      if (shellSetsPipefail(shell)) continue;
      const pipe = unprotectedPipe(script);
      if (pipe === undefined) continue;
      const left = script.commands[pipe.left];
      const right = script.commands[pipe.right];
      const identity = left === undefined || right === undefined ? undefined : `${commandText(left)} | ${commandText(right)}`;
      context.report({ messageId: 'pipefail', at: { range: pipe.range }, data: { command: right?.name.value ?? '' }, ...(identity === undefined ? {} : { identity }) });
    }
  },
});
