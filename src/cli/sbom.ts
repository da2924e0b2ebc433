import { PalisadeError } from '../core/errors.ts';
import { oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';

export const SBOM_HELP = `Usage: palisade sbom <target> [options]

Writes a software bill of materials for <target> (a directory, walked git-ignore aware,
or a single lockfile): one component per package (purl), with scope, hashes from the
lockfiles' integrity fields, dependency edges and the file each package was found in.

Options:
  -f, --format FORMAT   cyclonedx-json | cyclonedx-xml | spdx-json (default: cyclonedx-json)
  -o, --output FILE     Write the SBOM to FILE (atomically) instead of stdout
  -q, --quiet           Do not list unreadable lockfiles on stderr
  -h, --help            This help

Exit codes: 0 written, 2 usage error or missing target, 3 internal error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function sbomCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [target, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true) {
    io.stdout.write(SBOM_HELP);
    return 0;
  }
  if (target === undefined) {
    io.stderr.write(SBOM_HELP);
    return 2;
  }
  if (extra.length > 0) throw new PalisadeError('USAGE', `palisade sbom takes one target (got "${parsed.positionals.join('", "')}")`);
  // Loaded after the arguments: `--help` and usage errors do not pay for the package analyzers.
  const { SBOM_FORMATS, buildSbom, collectInventories } = await import('../sbom/index.ts');
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'cyclonedx-json', SBOM_FORMATS);
  const collected = collectInventories(target);
  if (parsed.values['quiet'] !== true) {
    for (const error of collected.errors) {
      const where = error.startLine === undefined ? error.path : `${error.path}:${error.startLine}:${error.startColumn ?? 1}`;
      io.stderr.write(`palisade: ${where}: ${error.message}\n`);
    }
  }
  const text = await buildSbom(collected.inventories, { name: collected.name, kind: collected.kind }, format);
  await emit(text, stringOption(parsed, 'output'), io);
  return 0;
}
