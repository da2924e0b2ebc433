import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../core/errors.ts';
import type { ScanError } from '../core/index.ts';
import type { PackageInventoryArtifact } from '../packages/index.ts';
import type { SbomSubject } from '../sbom/index.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const SBOM_HELP = `Usage: palisade sbom <target> [options]

Writes a software bill of materials for <target>: a directory (walked git-ignore aware), a
single lockfile, or a container image (oci:<dir>[:<tag>|@<digest>], docker-archive:<file.tar>,
docker://<registry>/<repository>[:<tag>|@<digest>]). One component per package (purl), with
scope, hashes from the lockfiles' integrity fields, dependency edges and the file (for an image:
the layer and path) each package was found in.

Options:
  -f, --format FORMAT        cyclonedx-json | cyclonedx-xml | spdx-json (default: cyclonedx-json)
  -o, --output FILE          Write the SBOM to FILE (atomically) instead of stdout
  -q, --quiet                Do not list unreadable lockfiles or layers on stderr
  -c, --config FILE          Directory: the configuration whose ignorePaths and maxFileSize apply
                             (default: <target>/.palisade.yaml when it exists), as for scan
      --platform OS/ARCH     Image: the platform of a multi-platform image (default: the host's)
      --ca-file FILE         Image: PEM CA bundle trusted for the registry, besides the system roots
      --insecure-registry H  Image: reach this registry without TLS verification (repeatable)
      --no-cache             Image: do not read or write the layer cache
      --attest --key KEY     Registry image: also sign the SBOM as an attestation (cyclonedx or spdx)
                             attached to the image digest, as cosign attest does
  -h, --help                 This help

Exit codes: 0 written, 2 usage error or missing target, 3 internal error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  config: { type: 'string', short: 'c' },
  platform: { type: 'string' },
  'ca-file': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  'no-cache': { type: 'boolean' },
  attest: { type: 'boolean' },
  key: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The transports of `palisade scan` (src/scan/targets.ts). */
const IMAGE_PREFIX = /^(?:oci|docker-archive):|^docker:\/\//;

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
  // Loaded after the arguments: `--help` and usage errors do not pay for the package analyzers. The
  // writer and collector modules, not the area's index, which also loads the SBOM readers.
  const { SBOM_FORMATS } = await import('../sbom/model.ts');
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'cyclonedx-json', SBOM_FORMATS);
  const attestKey = stringOption(parsed, 'key');
  if ((parsed.values['attest'] === true) !== (attestKey !== undefined)) throw new PalisadeError('USAGE', '--attest and --key go together: --attest --key KEY');
  if (attestKey !== undefined && (!target.startsWith('docker://') || format === 'cyclonedx-xml')) throw new PalisadeError('USAGE', '--attest needs an image in a registry (docker://…) and a JSON format (cyclonedx-json or spdx-json)');
  const collected = IMAGE_PREFIX.test(target) ? await fromImage(target, parsed) : await fromFiles(target, parsed);
  if (parsed.values['quiet'] !== true) {
    for (const error of collected.errors) {
      const where = error.startLine === undefined ? error.path : `${error.path}:${error.startLine}:${error.startColumn ?? 1}`;
      io.stderr.write(`palisade: ${where}: ${error.message}\n`);
    }
  }
  const { buildSbom } = await import('../sbom/build.ts');
  const text = await buildSbom(collected.inventories, collected.subject, format);
  const output = stringOption(parsed, 'output');
  // Standard output needs no file helpers (node:fs/promises and node:crypto cost about 30 ms to load).
  if (output === undefined) io.stdout.write(text);
  else await (await import('./output.ts')).emit(text, output, io);
  if (attestKey !== undefined) {
    const predicate: unknown = JSON.parse(text);
    await (await import('./attest.ts')).attestReference(target, attestKey, format === 'spdx-json' ? 'spdx' : 'cyclonedx', predicate, parsed, io);
  }
  return 0;
}

interface Collected {
  readonly inventories: readonly PackageInventoryArtifact[];
  readonly errors: readonly ScanError[];
  readonly subject: SbomSubject;
}

async function fromFiles(target: string, parsed: ParsedArgs): Promise<Collected> {
  if (imageFlagsUsed(parsed)) throw new PalisadeError('USAGE', '--platform, --ca-file, --insecure-registry and --no-cache apply to image targets (oci:, docker-archive:, docker://) only');
  const [{ collectInventories }, { lazyInventorySources }] = await Promise.all([import('../sbom/collect.ts'), import('../packages/lazy.ts')]);
  const walkOptions = await projectWalkOptions(target, stringOption(parsed, 'config'));
  // Only the parsers of the lockfile formats found load.
  const collected = await collectInventories(target, { sources: lazyInventorySources, ...walkOptions });
  return { inventories: collected.inventories, errors: collected.errors, subject: { name: collected.name, kind: collected.kind } };
}

async function fromImage(reference: string, parsed: ParsedArgs): Promise<Collected> {
  const { collectImageInventories } = await import('../sbom/image-lazy.ts');
  const platform = stringOption(parsed, 'platform');
  const caFile = stringOption(parsed, 'ca-file');
  const insecureRegistries = listOption(parsed, 'insecure-registry');
  const collected = await collectImageInventories(reference, {
    ...(platform === undefined ? {} : { platform }),
    ...(caFile === undefined ? {} : { caFile }),
    ...(insecureRegistries === undefined ? {} : { insecureRegistries }),
    noCache: parsed.values['no-cache'] === true,
  });
  return { inventories: collected.inventories, errors: collected.errors, subject: { name: collected.name, version: collected.version, kind: 'image' } };
}

/**
 * What `.palisade.yaml` says about walking the tree (`ignorePaths`, `maxFileSize`), so that the SBOM of
 * a project leaves out what its scans leave out (test fixtures' lockfiles, vendored examples). Read
 * only when the file exists or `--config` names one; the configuration is validated as for `scan`.
 */
async function projectWalkOptions(target: string, configPath: string | undefined): Promise<{ ignorePatterns?: readonly string[]; maxFileSize?: number }> {
  const path = configPath ?? join(target, '.palisade.yaml');
  let text: string;
  try {
    if (configPath === undefined && !statSync(target).isDirectory()) return {};
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (configPath === undefined) return {};
    throw new PalisadeError('CONFIG_UNREADABLE', `Cannot read configuration file "${configPath}"`, { cause, position: { path: configPath } });
  }
  const { loadConfig } = await import('../config/load.ts');
  const loaded = loadConfig(configPath ?? '.palisade.yaml', text);
  if (!loaded.ok) throw loaded.error;
  const { ignorePaths, maxFileSize } = loaded.value;
  return { ...(ignorePaths === undefined ? {} : { ignorePatterns: ignorePaths }), ...(maxFileSize === undefined ? {} : { maxFileSize }) };
}

function imageFlagsUsed(parsed: ParsedArgs): boolean {
  return ['platform', 'ca-file', 'insecure-registry'].some((name) => parsed.values[name] !== undefined) || parsed.values['no-cache'] === true;
}
