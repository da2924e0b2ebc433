// Which programs a Dockerfile's RUNs call, gathered once per file. Most rules about one tool (pip,
// zypper, yum, gem…) have nothing to check in most files; asking this first lets them return at
// once instead of testing every command of every RUN (decision 0034-a).
import { recentMemo } from '../core/index.ts';
import type { DockerfileArtifact } from './model.ts';
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
export const programsRun: (dockerfile: DockerfileArtifact) => ReadonlySet<string> = recentMemo(1, findPrograms);

function findPrograms(dockerfile: DockerfileArtifact): ReadonlySet<string> {
  const programs = new Set<string>();
  for (const { script } of shellRuns(dockerfile)) {
    for (const { name } of script.commands) programs.add(name.value.slice(lastSlash(name.value) + 1));
  }
  return programs;
}

/** False when no RUN of the file calls any of `names`: a rule about those programs can stop there. */
export function runsAnyProgram(dockerfile: DockerfileArtifact, names: readonly string[]): boolean {
  const programs = programsRun(dockerfile);
  // Every file asks this of about 30 rules: an indexed loop, not an iterator, in code mostly unoptimised.
  for (let i = 0; i < names.length; i += 1) if (programs.has(names[i] ?? '')) return true;
  return false;
}

/** False when no program the file's RUNs call matches `pattern`. */
export function runsProgramMatching(dockerfile: DockerfileArtifact, pattern: RegExp): boolean {
  for (const program of programsRun(dockerfile)) if (pattern.test(program)) return true;
  return false;
}
