// hadolint's shell pragma: a `# hadolint shell=<shell>` comment sets the shell the following RUNs of
// its stage are read with (a FROM resets it), for base images whose default shell Palisade cannot
// see, such as `powershell` in a Windows image built FROM a local name.
import type { DockerfileArtifact } from '../model.ts';

/** A shell pragma and the (1-based) line it is on. */
export interface ShellPragma {
  readonly line: number;
  readonly shell: readonly string[];
}

const PRAGMA = /^[ \t]*#[ \t]*hadolint[ \t]+shell[ \t]*=[ \t]*(\S+)[ \t]*\r?$/;

/** The file's shell pragmas in line order (none without the word `hadolint`: one search per file). */
export function shellPragmas(dockerfile: DockerfileArtifact): readonly ShellPragma[] {
  const { text } = dockerfile.source;
  if (!text.includes('hadolint')) return [];
  const pragmas: ShellPragma[] = [];
  text.split('\n').forEach((line, index) => {
    const shell = PRAGMA.exec(line)?.[1];
    if (shell !== undefined) pragmas.push({ line: index + 1, shell: [shell] });
  });
  return pragmas;
}
