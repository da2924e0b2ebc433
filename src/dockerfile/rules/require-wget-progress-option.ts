import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand } from '../shell/index.ts';
import { commandText, hasFlag } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

function limitsOutput(command: ShellCommand): boolean {
  return hasFlag(command, ['progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose']) || command.args.some((arg) => arg.value === '-nv');
}

export const requireWgetProgressOption = defineRule<DockerfileArtifact, 'progress'>({
  meta: {
    id: 'DKR-0125',
    slug: 'require-wget-progress-option',
    title: 'wget without a progress option',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Without a terminal, wget prints a progress line for every few kilobytes: large downloads flood the build log with thousands of lines.',
    remediation: 'Use `wget --progress=dot:giga <url>`, or `-q` / `-nv` (`--quiet`, `--no-verbose`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3047'],
    aliases: [{ tool: 'hadolint', id: 'DL3047', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      progress: 'wget runs without --progress, -q or -nv and floods the build log.',
    },
  },
  check(context, dockerfile) {
    for (const { command } of commandsRunning(dockerfile, ['wget'])) {
      if (!limitsOutput(command)) context.report({ messageId: 'progress', at: { range: command.name.range }, identity: commandText(command) });
    }
  },
});
