import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact, Stage, Word } from '../model.ts';
import type { ShellCommand, ShellRun } from '../shell/index.ts';
import { hasFlag, isProgram } from '../shell/index.ts';
import { commandsRunning } from '../programs.ts';

/** Tar archives, plain or compressed: the archives ADD extracts on its own (not zip, not a lone `.gz`). */
const TAR_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma|Z)|tgz|tbz|tbz2|tb2|txz|tlz|tZ)$/;

function basename(path: string): string {
  const clean = path.replace(/^(["'])(.*)\1$/, '$2');
  return clean.slice(clean.lastIndexOf('/') + 1);
}

/** `tar -x…`, `tar --extract`, `tar --get`, or the old style `tar xzf …`. */
function isTarExtract(command: ShellCommand): boolean {
  // ADD cannot strip leading directories, so such an extraction has no ADD equivalent.
  if (!isProgram(command, ['tar']) || hasFlag(command, ['strip-components'])) return false;
  if (hasFlag(command, ['x', 'extract', 'get'])) return true;
  const first = command.args[0];
  return first !== undefined && first.static && /^[A-Za-z]*x[A-Za-z]*$/.test(first.value);
}

/** Archives a stage COPYs from the build context, by the file name they have in the image. */
function copiedArchives(stage: Stage, before: number): Map<string, Word> {
  const archives = new Map<string, Word>();
  for (const instruction of stage.instructions) {
    if (instruction.range.start.line >= before) break;
    if (instruction.kind !== 'copy' || instruction.flags.some((flag) => flag.name.toLowerCase() === 'from')) continue;
    const destination = instruction.destination?.value ?? '';
    const renamed = TAR_ARCHIVE.test(basename(destination)) && !destination.endsWith('/');
    for (const source of instruction.sources) {
      // `COPY ${TGZ} /tmp/release.tgz` names the archive by its destination; `COPY app.tgz /tmp/` keeps its name.
      if (renamed) archives.set(basename(destination), source);
      else if (TAR_ARCHIVE.test(basename(source.value))) archives.set(basename(source.value), source);
    }
  }
  return archives;
}

export const useAddForArchiveExtraction = defineRule<DockerfileArtifact, 'copyThenExtract'>({
  meta: {
    id: 'DKR-0031',
    slug: 'use-add-for-archive-extraction',
    title: 'Local tar archive copied, then extracted in a RUN',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'COPY of a local tar archive followed by `tar -x` in a RUN keeps the whole archive in a layer of the image, next to its extracted content. ADD extracts a local tar archive in one step and stores only the result.',
    remediation: 'Replace the COPY and the extracting `tar` with `ADD archive.tar.gz /destination/`, or extract in a build stage and COPY only the result.',
    references: ['https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives', 'https://github.com/hadolint/hadolint/wiki/DL3010'],
    aliases: [{ tool: 'hadolint', id: 'DL3010', relation: 'similar' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { copyThenExtract: 'The archive "{archive}" is copied here and extracted by tar on line {line}; ADD would extract it without keeping the archive in a layer.' },
  },
  check(context, dockerfile) {
    const reported = new Set<Word>();
    // The archives COPYed before each RUN with a tar extraction, worked out once per RUN.
    let current: ShellRun | undefined;
    let archives = new Map<string, Word>();
    for (const { run, command } of commandsRunning(dockerfile, ['tar'])) {
      if (!isTarExtract(command)) continue;
      if (run !== current) {
        current = run;
        archives = copiedArchives(run.stage, run.instruction.range.start.line);
      }
      for (const arg of command.args) {
        const source = archives.get(basename(arg.value));
        if (source === undefined || reported.has(source)) continue;
        reported.add(source);
        context.report({ messageId: 'copyThenExtract', at: { range: source.range }, data: { archive: basename(arg.value), line: command.range.start.line } });
      }
    }
  },
});
