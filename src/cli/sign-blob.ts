import { readFile } from 'node:fs/promises';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { PalisadeError } from '../core/errors.ts';
import { readWhole, signFile } from '../signing/blob/index.ts';
import { signBlobBundle } from '../signing/bundle/index.ts';
import { loadPrivateKey } from '../signing/keys/index.ts';
import { keyPassword, ttyPrompt, type PasswordPrompt } from '../signing/password.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { emit } from './output.ts';

export const SIGN_BLOB_HELP = `Usage: palisade sign-blob FILE --key KEY [--bundle OUT | --output-signature OUT]

Signs FILE with a private key, offline. Without --bundle or --output-signature the base64
signature is printed. The signature is cosign's (ECDSA P-256 over SHA-256 of the bytes, DER,
base64), so \`cosign verify-blob --key KEY.pub --signature OUT FILE\` accepts it.

Options:
      --key KEY               Private key: cosign's encrypted PEM (password from $PALISADE_PASSWORD
                              or $COSIGN_PASSWORD, else asked on the terminal), or PKCS#8 / SEC1 PEM
      --bundle OUT            Write a Sigstore bundle (v0.3, key-based, no transparency log)
      --output-signature OUT  Write the base64 signature to OUT
  -h, --help                  This help

Exit codes: 0 signed, 2 usage error or unreadable key/file, 3 internal error.
`;

const OPTIONS = {
  key: { type: 'string' },
  bundle: { type: 'string' },
  'output-signature': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function signBlobCommand(args: readonly string[], io: CliIo, prompt: PasswordPrompt = ttyPrompt): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(SIGN_BLOB_HELP);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  const keyPath = stringOption(parsed, 'key');
  if (file === undefined || keyPath === undefined || extra.length > 0) throw new PalisadeError('USAGE', 'palisade sign-blob takes one FILE and --key KEY');
  const bundlePath = stringOption(parsed, 'bundle');
  const signaturePath = stringOption(parsed, 'output-signature');
  if (bundlePath !== undefined && signaturePath !== undefined) throw new PalisadeError('USAGE', 'Give --bundle or --output-signature, not both');
  const key = await readPrivateKeyFile(keyPath, io, prompt);
  if (bundlePath !== undefined) {
    const bundle = await signBlobBundle(key, createPublicKey(key), await readInput(file, readWhole));
    await emit(`${JSON.stringify(bundle)}\n`, bundlePath, io);
    io.stderr.write(`Bundle written to ${bundlePath}\n`);
    return 0;
  }
  const signature = (await readInput(file, (path) => signFile(path, key))).toString('base64');
  if (signaturePath === undefined) {
    io.stdout.write(`${signature}\n`);
    return 0;
  }
  await emit(signature, signaturePath, io);
  io.stderr.write(`Signature written to ${signaturePath}\n`);
  return 0;
}

/** Reads a private key file; asks for (or takes from the environment) a password only when it is encrypted. */
export async function readPrivateKeyFile(path: string, io: CliIo, prompt: PasswordPrompt): Promise<KeyObject> {
  const pem = await readInput(path, (file) => readFile(file, 'utf8'));
  const password = pem.includes('-----BEGIN ENCRYPTED') ? await keyPassword(io.env, prompt, false) : undefined;
  try {
    return loadPrivateKey(pem, password);
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    throw new PalisadeError(error.code, `${path}: ${error.message}`, { cause: error, position: { path } });
  }
}

/** Runs a read; a missing or unreadable file is FILE_UNREADABLE naming it. */
export async function readInput<T>(path: string, read: (path: string) => Promise<T>): Promise<T> {
  try {
    return await read(path);
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError('FILE_UNREADABLE', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, position: { path } });
  }
}
