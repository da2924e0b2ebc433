import { readFile, stat } from 'node:fs/promises';
import { PalisadeError } from '../core/errors.ts';
import type { ParsedArgs } from './args.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { readPrivateKey, registryOptions, REGISTRY_OPTIONS, requiredOption, singleImage } from './sign.ts';

export const ATTEST_HELP = `Usage: palisade attest <image> --key FILE --predicate FILE --type TYPE [options]

Attests a container image the way \`cosign attest --key\` does: the predicate (a JSON file) goes into
an in-toto Statement v1 about the image digest, signed in a DSSE envelope, appended to the other
attestations under the tag sha256-<hex>.att (and attached as an OCI 1.1 referrer where the registry
implements the referrers API). A tag is resolved to its digest first.

Options:
  --key FILE               Private key (see palisade sign --help)
  --predicate FILE         The predicate: a JSON document (an SBOM, a scan result, provenance…)
  --type TYPE              cyclonedx | spdx | spdxjson | vuln | slsaprovenance | slsaprovenance1 |
                           openvex | link | custom | palisade-scan, or a predicate type URI
      --ca-file FILE       PEM CA bundle trusted for the registry, besides the system roots
      --insecure-registry H  Reach this registry without TLS verification (repeatable)
  -h, --help               This help

Exit codes: 0 attested, 2 usage, key, predicate or registry error, 3 internal error.
`;

const OPTIONS = {
  ...REGISTRY_OPTIONS,
  key: { type: 'string' },
  predicate: { type: 'string' },
  type: { type: 'string' },
} as const;

/** Larger predicates are refused: base64 in an envelope, they must stay under the 32 MiB the verifier reads. */
const MAX_PREDICATE_BYTES = 20 * 1024 * 1024;

export async function attestCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(ATTEST_HELP);
    return 0;
  }
  const reference = singleImage(parsed, 'attest');
  const { resolvePredicateType } = await import('../signing/intoto/index.ts');
  const predicateType = resolvePredicateType(requiredOption(parsed, 'type', 'attest'));
  const predicate = await readPredicate(requiredOption(parsed, 'predicate', 'attest'));
  const key = await readPrivateKey(requiredOption(parsed, 'key', 'attest'), io.env);
  const { openRegistryClient } = await import('../image/source/registry/index.ts');
  const { attestImage, resolveImage } = await import('../signing/oci/index.ts');
  const client = await openRegistryClient(reference, { ...registryOptions(parsed, io.env), push: true });
  try {
    const image = await resolveImage(client);
    const result = await attestImage(client, image, key, predicateType, predicate);
    io.stdout.write(`Attested ${image.digestReference} with ${predicateType} (${result.tag}, ${result.layers} attestation${result.layers === 1 ? '' : 's'}${result.referrer === undefined ? '' : `; referrer ${result.referrer}`})\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** The predicate file as JSON; USAGE naming the file and position when it is not. */
async function readPredicate(path: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new PalisadeError('USAGE', `Cannot read the predicate ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (size > MAX_PREDICATE_BYTES) throw new PalisadeError('USAGE', `The predicate ${path} is ${size} bytes; at most ${MAX_PREDICATE_BYTES} are attested`, { position: { path } });
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PalisadeError('USAGE', `The predicate ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error, position: { path } });
  }
}

/**
 * `scan --attest` and `sbom --attest`: signs `predicate` as an in-toto statement about the registry
 * image `reference` (resolved to its digest) and attaches it as cosign does. Only registry images
 * (docker://) can carry attestations.
 */
export async function attestReference(reference: string, keyPath: string, predicateType: string, predicate: unknown, parsed: ParsedArgs, io: CliIo): Promise<void> {
  if (!reference.startsWith('docker://')) throw new PalisadeError('USAGE', `--attest needs an image in a registry (docker://…); ${reference} cannot carry an attestation`);
  const { resolvePredicateType } = await import('../signing/intoto/index.ts');
  const key = await readPrivateKey(keyPath, io.env);
  const { openRegistryClient } = await import('../image/source/registry/index.ts');
  const { attestImage, resolveImage } = await import('../signing/oci/index.ts');
  const client = await openRegistryClient(reference, { ...registryOptions(parsed, io.env), push: true });
  try {
    const image = await resolveImage(client);
    const type = resolvePredicateType(predicateType);
    const result = await attestImage(client, image, key, type, predicate);
    io.stderr.write(`palisade: attested ${image.digestReference} with ${type} (${result.tag})\n`);
  } finally {
    client.close();
  }
}
