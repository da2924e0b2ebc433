import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { isProgram, packagesOf, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const NPM_VALUE_FLAGS: ReadonlySet<string> = new Set(['prefix', 'registry', 'cache', 'userconfig', 'loglevel', 'tag', 'workspace', 'w', 'C', 'omit', 'include']);
const GIT_PREFIXES = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];
const PATH_PREFIXES = ['/', './', '../', '~/'];
const TARBALLS = ['.tar', '.tar.gz', '.tgz'];

/** hadolint's reading: `name@version` or `@scope/name@tag`, a git URL with `#ref`, a tarball or a folder. */
function isPinned(name: string): boolean {
  if (GIT_PREFIXES.some((prefix) => name.startsWith(prefix))) return name.includes('#');
  if (TARBALLS.some((suffix) => name.endsWith(suffix)) || PATH_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return unscoped.includes('@');
}

export const requireNpmVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0108',
    slug: 'require-npm-version-pin',
    title: 'npm install of a package without a version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      '`npm install <name>` without `@version` installs the newest release at build time: rebuilds ship different code, and a hijacked release (a common npm supply-chain attack) is installed without review.',
    remediation: 'Pin each package with `npm install <package>@<version>`, or install the project from its lockfile with `npm ci`.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3016', 'https://docs.npmjs.com/cli/commands/npm-install'],
    aliases: [{ tool: 'hadolint', id: 'DL3016', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'npm installs "{package}" without a version; write "{package}@<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['npm'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        if (!isProgram(command, ['npm'])) continue;
        for (const word of packagesOf(command, ['install', 'i', 'add'], NPM_VALUE_FLAGS)) {
          if (word.static && !isPinned(word.value)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { package: word.value } });
        }
      }
    }
  },
});
