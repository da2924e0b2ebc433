import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import type { ShellCommand, ShellWord } from '../shell/index.ts';
import { isProgram, operandsOf, shellRuns } from '../shell/index.ts';
import { runsAnyProgram } from '../programs.ts';

const GO_VALUE_FLAGS: ReadonlySet<string> = new Set(['C', 'o', 'p', 'mod', 'modfile', 'tags', 'ldflags', 'gcflags', 'asmflags', 'pkgdir', 'toolexec', 'exec', 'overlay', 'pgo']);

/** A local path, or a module path with `@version` other than `latest`, as hadolint reads it. */
function isPinned(name: string): boolean {
  if (name === '.' || name.startsWith('/') || name.startsWith('./') || name.startsWith('../')) return true;
  const at = name.lastIndexOf('@');
  return at !== -1 && name.slice(at + 1) !== 'latest' && name.slice(at + 1) !== '';
}

/** The packages `go install|get` fetches, or the one `go run` runs (what follows it are its arguments). */
function packagesOf(command: ShellCommand): { readonly subcommand: string; readonly packages: ShellWord[] } | undefined {
  if (!isProgram(command, ['go'])) return undefined;
  const [subcommand, ...rest] = operandsOf(command, GO_VALUE_FLAGS);
  if (subcommand === undefined) return undefined;
  if (subcommand.value === 'install' || subcommand.value === 'get') return { subcommand: subcommand.value, packages: rest.filter((word) => word.value !== 'tool') };
  if (subcommand.value !== 'run') return undefined;
  const target = rest[0];
  return { subcommand: 'run', packages: target === undefined ? [] : [target] };
}

export const requireGoVersionPin = defineRule<DockerfileArtifact, 'unpinned'>({
  meta: {
    id: 'DKR-0135',
    slug: 'require-go-version-pin',
    title: 'go install, get or run of a module without a version',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      '`go install example.com/tool` (or `@latest`) builds whatever the module proxy serves at build time: rebuilds ship different code and a compromised release is built into the image without review.',
    remediation: 'Pin the module version: `go install <package>@<version>`.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3062', 'https://go.dev/ref/mod#go-install'],
    aliases: [{ tool: 'hadolint', id: 'DL3062', relation: 'same' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      unpinned: 'go {subcommand} fetches "{package}" without a fixed version; write "{module}@<version>".',
    },
  },
  check(context, dockerfile) {
    if (!runsAnyProgram(dockerfile, ['go'])) return;
    for (const { script } of shellRuns(dockerfile)) {
      for (const command of script.commands) {
        const go = packagesOf(command);
        for (const word of go?.packages ?? []) {
          if (word.static && !isPinned(word.value)) context.report({ messageId: 'unpinned', at: { range: word.range }, data: { subcommand: go?.subcommand ?? '', package: word.value, module: word.value.replace(/@[^@/]*$/, '') } });
        }
      }
    }
  },
});
