import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand } from '../shell/index.ts';
import { hasFlag, isPipInstall, pipPackages, shellRuns } from '../shell/index.ts';
import { PIP_PROGRAMS, runsProgramMatching } from '../programs.ts';

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const VCS = /^(?:git|hg|svn|bzr)(?:\+[a-z-]+)?(?::|$)/;

/** hadolint's reading: a version specifier, a VCS URL with `@ref`, a wheel or sdist file, or a path. */
function isPinned(name: string): boolean {
  if (VERSION_SYMBOLS.some((symbol) => name.includes(symbol))) return true;
  if (VCS.test(name)) return name.includes('@');
  return name.endsWith('.whl') || name.endsWith('.tar.gz') || name.includes('/');
}

/** Installing from a requirements or constraints file, or the local project, is out of scope. */
function fromFiles(command: ShellCommand): boolean {
  return hasFlag(command, ['r', 'requirement', 'c', 'constraint']) || command.args.some((arg) => arg.value === '.');
}

export const requirePipVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0105',
    slug: 'require-pip-version-pin',
    title: 'pip install without a package version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Without a version specifier, `pip install` takes the newest release on PyPI at build time: rebuilds ship different code, and a hijacked or broken release is installed without review.',
    remediation: 'Pin each package (`pip install <package>==<version>`), or install from a requirements file with pinned versions (`pip install -r requirements.txt`).',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3013', 'https://pip.pypa.io/en/stable/topics/repeatable-installs/'],
    aliases: [{ tool: 'hadolint', id: 'DL3013', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'pip installs "{package}" without a version; write "{package}==<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsProgramMatching(dockerfile, PIP_PROGRAMS)) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        if (!isPipInstall(command) || fromFiles(command)) continue;
        for (const word of pipPackages(command)) {
          if (word.static && !isPinned(word.value)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
        }
      }
    }
  },
});
