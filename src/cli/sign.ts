import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { PalisadeError } from '../core/errors.ts';
import type { RegistryClientOptions } from '../image/source/registry/index.ts';
import type { PasswordPrompt } from '../signing/password.ts';
import type { ParsedArgs } from './args.ts';
import { listOption, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const SIGN_HELP = `Usage: palisade sign <image> --key FILE [options]

Signs a container image in a registry the way \`cosign sign --key\` does, so cosign verifies it and
Palisade verifies cosign's. <image> is registry/repository[:tag|@digest] (or docker://…); a tag is
resolved to its digest first and only the digest is signed. The signature (a simple-signing payload
and its ECDSA signature) is appended to the others under the tag sha256-<hex>.sig, and also attached
as an OCI 1.1 referrer where the registry implements the referrers API.

Options:
  --key FILE               Private key: cosign's encrypted PEM (password from $PALISADE_PASSWORD
                           or $COSIGN_PASSWORD, else asked on the terminal), or a PKCS#8 / SEC1 PEM
  -a, --annotation K=V     Signed annotation (cosign's -a; repeatable)
      --ca-file FILE       PEM CA bundle trusted for the registry, besides the system roots
      --insecure-registry H  Reach this registry without TLS verification (repeatable)
  -h, --help               This help

Credentials come from the Docker config ($DOCKER_CONFIG/config.json or ~/.docker/config.json).
Exit codes: 0 signed, 2 usage, key or registry error, 3 internal error.
`;

/** Options every signing command shares. */
export const REGISTRY_OPTIONS = {
  'ca-file': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS = {
  ...REGISTRY_OPTIONS,
  key: { type: 'string' },
  annotation: { type: 'string', short: 'a', multiple: true },
} as const;

export async function signCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(SIGN_HELP);
    return 0;
  }
  const reference = singleImage(parsed, 'sign');
  const key = await readPrivateKey(requiredOption(parsed, 'key', 'sign'), io.env);
  const annotations = parseAnnotations(repeatedValues(args, OPTIONS, 'annotation'));
  const { openRegistryClient } = await import('../image/source/registry/index.ts');
  const { resolveImage, signImage } = await import('../signing/oci/index.ts');
  const client = await openRegistryClient(reference, { ...registryOptions(parsed, io.env), push: true });
  try {
    const image = await resolveImage(client);
    const result = await signImage(client, image, key, annotations);
    io.stdout.write(`${result.added ? 'Signed' : 'Already signed with this key:'} ${image.digestReference} (${result.tag}, ${result.layers} signature${result.layers === 1 ? '' : 's'}${result.referrer === undefined ? '' : `; referrer ${result.referrer}`})\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** The one positional image, as a `docker://` reference; other transports cannot be signed. */
export function singleImage(parsed: ParsedArgs, command: string): string {
  const [image, ...extra] = parsed.positionals;
  if (image === undefined || extra.length > 0) throw new PalisadeError('USAGE', `palisade ${command} takes one image reference (got ${parsed.positionals.length})`);
  return toRegistryReference(image);
}

export function toRegistryReference(image: string): string {
  if (image.startsWith('docker://')) return image;
  if (/^(oci|docker-archive):/.test(image)) throw new PalisadeError('USAGE', `${image}: only images in a registry can be signed and verified (registry/repository[:tag|@digest])`);
  return `docker://${image}`;
}

export function requiredOption(parsed: ParsedArgs, name: string, command: string): string {
  const value = stringOption(parsed, name);
  if (value === undefined || value === '') throw new PalisadeError('USAGE', `palisade ${command} needs --${name}`);
  return value;
}

/** `--ca-file`, `--insecure-registry` and the environment (for $DOCKER_CONFIG and credential helpers). */
export function registryOptions(parsed: ParsedArgs, env: Readonly<Record<string, string | undefined>>): RegistryClientOptions {
  const caFile = stringOption(parsed, 'ca-file');
  const insecureRegistries = listOption(parsed, 'insecure-registry');
  return { env, ...(caFile === undefined ? {} : { caFile }), ...(insecureRegistries === undefined ? {} : { insecureRegistries }) };
}

export async function readKeyFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new PalisadeError('KEY_INVALID', `Cannot read the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, position: { path } });
  }
}

/**
 * Loads the signing key. An encrypted key's password comes from $PALISADE_PASSWORD or
 * $COSIGN_PASSWORD, else is asked on the terminal (as keygen and sign-blob do).
 */
export async function readPrivateKey(path: string, env: Readonly<Record<string, string | undefined>>, prompt?: PasswordPrompt): Promise<KeyObject> {
  const { loadPrivateKey } = await import('../signing/keys/index.ts');
  const { keyPassword, ttyPrompt } = await import('../signing/password.ts');
  const pem = await readKeyFile(path, 'private key');
  const password = pem.includes('-----BEGIN ENCRYPTED') ? await keyPassword(env, prompt ?? ttyPrompt, false) : undefined;
  try {
    return loadPrivateKey(pem, password);
  } catch (error) {
    if (error instanceof PalisadeError) throw new PalisadeError(error.code, `${path}: ${error.message}`, { cause: error, position: { path } });
    throw error;
  }
}

/**
 * Every value of a repeatable option, as given (parseCommandArgs joins them with commas, which CEL
 * expressions and annotation values contain). Call after parseCommandArgs has validated `args`.
 */
export function repeatedValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>, name: string): string[] {
  const value: unknown = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }).values[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function parseAnnotations(pairs: readonly string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const annotations: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new PalisadeError('USAGE', `--annotation takes KEY=VALUE (got "${pair}")`);
    annotations[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return annotations;
}
