import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand, ShellScript } from '../shell/index.ts';
import { isProgram, programOf, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const DOWNLOADERS = ['curl', 'wget'];
const SHELLS = ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh'];
const FETCH_SUBSTITUTION = /[$<]\(\s*(?:\S*\/)?(?:curl|wget)\b/;

/** The command on the right of a pipe, or the one it wraps (`| sudo bash`). */
function effective(script: ShellScript, index: number): ShellCommand | undefined {
  const command = script.commands[index];
  const inner = script.commands[index + 1];
  return inner?.wrappedBy === index ? inner : command;
}

/** A downloader anywhere earlier in the same pipeline (`curl … | tee log | sh`). */
function fedByDownload(script: ShellScript, left: number): string | undefined {
  let current: number | undefined = left;
  for (let guard = 0; current !== undefined && guard < script.pipes.length + 1; guard += 1) {
    const command = effective(script, current);
    if (command !== undefined && isProgram(command, DOWNLOADERS)) return programOf(command);
    const index: number = current;
    current = script.pipes.find((pipe) => pipe.right === index)?.left;
  }
  return undefined;
}

export const noCurlPipeToShell = defineRule<DockerfileArtifact, 'pipe' | 'substitution'>({
  meta: {
    id: 'DKR-0130',
    slug: 'no-curl-pipe-to-shell',
    title: 'Downloaded script run by a shell without verification',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Piping `curl` or `wget` output straight into a shell runs whatever the server (or anyone on the way) sends, as root, with no checksum or signature check, and the script can change between two builds.',
    remediation: 'Download the script to a file, verify its checksum (`sha256sum -c`) or signature, then run it; better, install the tool from a package or a pinned release artefact.',
    references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy', 'https://www.cisecurity.org/benchmark/docker'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.11', 'nist-800-190:4.1.2'],
    packs: [],
    messages: {
      pipe: '{downloader} output is piped into "{shell}" without verification.',
      substitution: '"{shell}" runs a script fetched by {downloader} without verification.',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, SHELLS)) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const pipe of script.pipes) {
        const shell = effective(script, pipe.right);
        const downloader = fedByDownload(script, pipe.left);
        if (shell === undefined || downloader === undefined || !isProgram(shell, SHELLS)) continue;
        context.report({ messageId: 'pipe', at: { range: pipe.range }, data: { downloader, shell: programOf(shell) }, identity: `${downloader}|${programOf(shell)}` });
      }
      for (const command of script.commands) {
        const fetched = command.args.find((arg) => !arg.static && FETCH_SUBSTITUTION.test(arg.raw));
        if (fetched === undefined || !isProgram(command, SHELLS)) continue;
        const downloader = /wget/.test(fetched.raw) && !/curl/.test(fetched.raw) ? 'wget' : 'curl';
        context.report({ messageId: 'substitution', at: { range: command.name.range }, data: { downloader, shell: programOf(command) }, identity: fetched.raw });
      }
    }
  },
});
