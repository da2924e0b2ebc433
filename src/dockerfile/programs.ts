// Which programs a Dockerfile's RUNs call, gathered once per file. Most rules about one tool (pip,
// zypper, yum, gem…) have nothing to check in most files; asking this first lets them return at
// once instead of testing every command of every RUN (decision 0034-a).
import { recentMemo } from '../core/index.ts';
import type { DockerfileArtifact } from './model.ts';
import type { ShellCommand, ShellRun } from './shell/index.ts';
import { lastSlash, shellRuns } from './shell/index.ts';

/**
 * What pip rules look for (`isPipInstall`): `pip`, `pip3`, `pip3.12`, and `python…` (for `python -m pip`).
 * Wider than the rules' own test, never narrower.
 */
export const PIP_PROGRAMS = /^(?:pip|python)(?:\d+(?:\.\d+)?)?$/;

/**
 * The last path segment of the name of every command in the file's POSIX RUNs (`/usr/bin/apt-get`
 * gives `apt-get`), static or not, wrapped commands included: a superset of what `isProgram` matches.
 * Kept for the file the rules are checking (core/recent-memo.ts).
 */
export function programsRun(dockerfile: DockerfileArtifact): ReadonlySet<string> {
  return programIndex(dockerfile).programs;
}

/** A command of one of the file's POSIX RUNs, with the RUN and its place among all of them (`order`). */
export interface RunCommand {
  readonly run: ShellRun;
  readonly command: ShellCommand;
  readonly order: number;
}

interface ProgramIndex {
  /** `programsRun`. */
  readonly programs: ReadonlySet<string>;
  /** The commands whose name is static, by program (`isProgram`'s test), each list in file order. */
  readonly byProgram: ReadonlyMap<string, readonly RunCommand[]>;
}

/** Built once per file (kept for the file the rules are checking) in one pass over its commands. */
const programIndex: (dockerfile: DockerfileArtifact) => ProgramIndex = recentMemo(1, indexPrograms);

function indexPrograms(dockerfile: DockerfileArtifact): ProgramIndex {
  const programs = new Set<string>();
  const byProgram = new Map<string, RunCommand[]>();
  const runs = shellRuns(dockerfile);
  let order = 0;
  for (let r = 0; r < runs.length; r += 1) {
    const run = runs[r];
    if (run === undefined) continue;
    const { commands } = run.script;
    for (let c = 0; c < commands.length; c += 1) {
      const command = commands[c];
      if (command === undefined) continue;
      const { name } = command;
      const program = name.value.slice(lastSlash(name.value) + 1);
      programs.add(program);
      if (name.static) {
        const list = byProgram.get(program);
        const entry = { run, command, order };
        if (list === undefined) byProgram.set(program, [entry]);
        else list.push(entry);
      }
      order += 1;
    }
  }
  return { programs, byProgram };
}

/** False when no RUN of the file calls any of `names`: a rule about those programs can stop there. */
export function runsAnyProgram(dockerfile: DockerfileArtifact, names: readonly string[]): boolean {
  const programs = programsRun(dockerfile);
  // Every file asks this of about 30 rules: an indexed loop, not an iterator, in code mostly unoptimised.
  for (let i = 0; i < names.length; i += 1) if (programs.has(names[i] ?? '')) return true;
  return false;
}

const NO_COMMANDS: readonly RunCommand[] = Object.freeze([]);

/**
 * The commands of the file's POSIX RUNs that `isProgram(command, names)` accepts, in file order (the
 * order of `for (const { script } of shellRuns(…)) for (const command of script.commands)`). A rule
 * about a few programs visits only their commands instead of testing every command of every RUN: the
 * loop in each rule's check was most of its cost, and what made V8 compile it (docs/decisions/0038-d-dockerfile-commands-by-program.md).
 */
export function commandsRunning(dockerfile: DockerfileArtifact, names: readonly string[]): readonly RunCommand[] {
  const { byProgram } = programIndex(dockerfile);
  const lists: (readonly RunCommand[])[] = [];
  for (let i = 0; i < names.length; i += 1) {
    const list = byProgram.get(names[i] ?? '');
    if (list !== undefined) lists.push(list);
  }
  // One program's commands are in file order already; several are merged back into it.
  if (lists.length < 2) return lists[0] ?? NO_COMMANDS;
  return lists.flat().sort((a, b) => a.order - b.order);
}

/** False when no program the file's RUNs call matches `pattern`. */
export function runsProgramMatching(dockerfile: DockerfileArtifact, pattern: RegExp): boolean {
  for (const program of programsRun(dockerfile)) if (pattern.test(program)) return true;
  return false;
}
