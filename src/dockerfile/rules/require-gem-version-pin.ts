import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand } from '../shell/index.ts';
import { isProgram, packagesOf, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const GEM_VALUE_FLAGS: ReadonlySet<string> = new Set(['i', 'install-dir', 'n', 'bindir', 's', 'source', 'platform', 'config-file', 'document', 'g', 'file']);

function hasVersionOption(command: ShellCommand): boolean {
  return command.args.some((arg) => arg.value === '-v' || arg.value === '--version' || arg.value.startsWith('--version='));
}

export const requireGemVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0112',
    slug: 'require-gem-version-pin',
    title: 'gem install without a version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: '`gem install <name>` without a version installs the newest release at build time: rebuilds ship different code and a bad release is installed without review.',
    remediation: 'Pin each gem with `gem install <gem>:<version>` (or `-v <version>`), or install from a Gemfile.lock with Bundler.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3028', 'https://guides.rubygems.org/command-reference/#gem-install'],
    aliases: [{ tool: 'hadolint', id: 'DL3028', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'gem installs "{package}" without a version; write "{package}:<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['gem'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        if (!isProgram(command, ['gem']) || hasVersionOption(command)) continue;
        for (const word of packagesOf(command, ['install', 'i'], GEM_VALUE_FLAGS)) {
          if (word.static && !word.value.includes(':')) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
        }
      }
    }
  },
});
