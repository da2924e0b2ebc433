import { readFile, stat } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { PalisadeError } from '../core/errors.ts';
import { decodeSignatureFile, readWhole, verifyFile } from '../signing/blob/index.ts';
import { MAX_BUNDLE_CHARS, verifyBundle } from '../signing/bundle/index.ts';
import { loadPublicKey } from '../signing/keys/index.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { readInput } from './sign-blob.ts';

export const VERIFY_BLOB_HELP = `Usage: palisade verify-blob FILE --key PUB (--signature SIG | --bundle BUNDLE) [options]

Verifies a file's signature offline: a detached signature (base64 or DER, as cosign sign-blob and
palisade sign-blob write it), a Sigstore bundle (v0.1, v0.2, v0.3), or cosign's older bundle
format. Nothing is fetched from the network: transparency-log entries and timestamps in a bundle are
checked against --trusted-root when given (none is required with a key).

Options:
      --key PUB               Trusted public key (PEM: ECDSA P-256/P-384/P-521, Ed25519, RSA)
      --signature SIG         Detached signature file
      --bundle BUNDLE         Sigstore bundle (or cosign bundle) file
      --trusted-root FILE     trusted_root.json (Sigstore TUF target) for the bundle's log entries
  -h, --help                  This help

Exit codes: 0 verified, 1 verification failed, 2 usage error or malformed input, 3 internal error.
`;

const OPTIONS = {
  key: { type: 'string' },
  signature: { type: 'string' },
  bundle: { type: 'string' },
  'trusted-root': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function verifyBlobCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(VERIFY_BLOB_HELP);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  const keyPath = stringOption(parsed, 'key');
  const signaturePath = stringOption(parsed, 'signature');
  const bundlePath = stringOption(parsed, 'bundle');
  if (file === undefined || keyPath === undefined || extra.length > 0) throw new PalisadeError('USAGE', 'palisade verify-blob takes one FILE and --key PUB');
  if ((signaturePath === undefined) === (bundlePath === undefined)) throw new PalisadeError('USAGE', 'Give exactly one of --signature and --bundle');
  const key = await readPublicKeyFile(keyPath);
  const trustedRootPath = stringOption(parsed, 'trusted-root');
  const trustedRoot = trustedRootPath === undefined ? undefined : await readInput(trustedRootPath, (path) => readFile(path, 'utf8'));
  const verdict = signaturePath !== undefined ? await withSignature(file, key, signaturePath) : await withBundle(file, key, bundlePath ?? '', trustedRoot);
  if (verdict.ok) {
    io.stdout.write('Verified OK\n');
    return 0;
  }
  io.stderr.write(`Verification failed: ${verdict.reason}\n`);
  return 1;
}

type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

async function withSignature(file: string, key: KeyObject, signaturePath: string): Promise<Verdict> {
  const signature = decodeSignatureFile(await readInput(signaturePath, (path) => readSmall(path)), signaturePath);
  return (await readInput(file, (path) => verifyFile(path, key, signature))) ? { ok: true } : { ok: false, reason: `the signature in ${signaturePath} does not verify ${file} with the key (another key signed it, or the file changed)` };
}

async function withBundle(file: string, key: KeyObject, bundlePath: string, trustedRoot: string | undefined): Promise<Verdict> {
  const text = (await readInput(bundlePath, (path) => readSmall(path, MAX_BUNDLE_CHARS))).toString('utf8');
  const legacy = legacySignature(text);
  if (legacy !== undefined) {
    const signature = decodeSignatureFile(Buffer.from(legacy), `${bundlePath} (base64Signature)`);
    return (await readInput(file, (path) => verifyFile(path, key, signature))) ? { ok: true } : { ok: false, reason: `the signature in ${bundlePath} does not verify ${file} with the key (another key signed it, or the file changed)` };
  }
  const artifact = await readInput(file, readWhole);
  return verifyBundle(text, { key, artifact, source: bundlePath, ...(trustedRoot === undefined ? {} : { trustedRoot }) });
}

/** cosign's pre-Sigstore bundle (`{base64Signature, cert, rekorBundle}`): its signature; the Rekor part is not checked offline. */
function legacySignature(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || !('base64Signature' in value)) return undefined;
    return typeof value.base64Signature === 'string' ? value.base64Signature : '';
  } catch {
    return undefined;
  }
}

async function readPublicKeyFile(path: string): Promise<KeyObject> {
  const pem = await readInput(path, (file) => readFile(file, 'utf8'));
  try {
    return loadPublicKey(pem);
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    throw new PalisadeError(error.code, `${path}: ${error.message}`, { cause: error, position: { path } });
  }
}

/** Reads a signature or bundle file, refusing (before reading) one larger than `limit`. */
async function readSmall(path: string, limit = 64 * 1024): Promise<Buffer> {
  const { size } = await stat(path);
  if (size > limit) throw new PalisadeError('SIGNATURE_INVALID', `${path}: ${size} bytes is too large (at most ${limit})`, { position: { path } });
  return readFile(path);
}
