import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { PalisadeError } from '../core/errors.ts';
import type { CiSystem } from '../init/index.ts';
import { CI_SYSTEMS, detectCiSystems, planInit, writeNewFile } from '../init/index.ts';
import { TOOL_VERSION } from '../scan/version.ts';
import { listOption, oneOf, parseCommandArgs } from './args.ts';
import type { CliIo } from './io.ts';

export const INIT_HELP = `Usage: palisade init [<dir>] [options]

Sets up Palisade in a repository (default: the current directory): writes .palisade.yaml,
.palisade/exceptions.yaml (no exceptions, one commented example) and a pipeline for each CI
system the repository uses (a .github/ folder, .gitlab-ci.yml, a tekton/ folder, a Jenkinsfile).
Existing files are never overwritten unless --force is given.

Options:
  --ci LIST       Write the pipeline for these systems instead of the detected ones:
                  github, gitlab, tekton, jenkins (comma-separated or repeated)
  --force         Overwrite files that exist
  -h, --help      This help

Files written per system:
  github    .github/workflows/palisade.yml (the Palisade action; SARIF to code scanning)
  gitlab    .gitlab/palisade.gitlab-ci.yml (and .gitlab-ci.yml including it, if there is none)
  tekton    tekton/palisade-task.yaml (a Tekton Task)
  jenkins   Jenkinsfile (or palisade.Jenkinsfile beside an existing one)

Examples:
  palisade init
  palisade init --ci github,gitlab
  palisade init deploy-repo --ci tekton --force
`;

const OPTIONS = {
  ci: { type: 'string', multiple: true },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function initCommand(args: readonly string[], io: CliIo, now: Date = new Date()): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(INIT_HELP);
    return 0;
  }
  if (parsed.positionals.length > 1) throw new PalisadeError('USAGE', `Expected at most one directory, got ${parsed.positionals.join(' ')}`);
  const root = resolve(parsed.positionals[0] ?? '.');
  if (!existsSync(root)) throw new PalisadeError('TARGET_NOT_FOUND', `No directory ${root}`);
  const requested = listOption(parsed, 'ci')?.map((system) => oneOf('ci', system, CI_SYSTEMS));
  const systems: readonly CiSystem[] = requested === undefined ? detectCiSystems(root) : [...new Set(requested)];
  const force = parsed.values['force'] === true;
  const plan = planInit({ root, systems, version: TOOL_VERSION, now });
  const existing = plan.files.filter((file) => existsSync(join(root, file.path))).map((file) => file.path);
  if (existing.length > 0 && !force) {
    throw new PalisadeError('USAGE', `Not overwriting ${existing.join(', ')}: run again with --force to replace ${existing.length === 1 ? 'it' : 'them'}`);
  }
  let kept = 0;
  for (const file of plan.files) {
    const written = await writeNewFile(join(root, file.path), file.content, force);
    if (!written) kept += 1;
    io.stdout.write(`${written ? (existing.includes(file.path) ? 'overwrote' : 'created') : 'kept (created meanwhile)'} ${file.path}\n`);
  }
  if (systems.length === 0) io.stdout.write('No CI system detected (.github/, .gitlab-ci.yml, tekton/, Jenkinsfile); add a pipeline with --ci github|gitlab|tekton|jenkins.\n');
  for (const note of plan.notes) io.stdout.write(`\n${note}\n`);
  return kept === 0 ? 0 : 1;
}
