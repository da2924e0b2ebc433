import { access } from 'node:fs/promises';
import { PalisadeError } from '../core/errors.ts';
import { writeSecureFile } from '../signing/files.ts';
import { encryptPrivateKey, exportPublicKey, generateKeyPair, keyFingerprint } from '../signing/keys/index.ts';
import { keyPassword, ttyPrompt, type PasswordPrompt } from '../signing/password.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const KEYGEN_HELP = `Usage: palisade keygen [options]

Generates an ECDSA P-256 key pair for signing images and files: PREFIX.key holds the private key,
encrypted with a password in cosign's format (ENCRYPTED SIGSTORE PRIVATE KEY: scrypt + secretbox),
so cosign reads it too; PREFIX.pub holds the public key (PEM). The password comes from
$PALISADE_PASSWORD (or $COSIGN_PASSWORD), or is asked twice on the terminal.

Options:
      --output-key-prefix PREFIX  Write PREFIX.key and PREFIX.pub (default: palisade)
      --force                     Overwrite existing files
  -h, --help                      This help

Exit codes: 0 written, 2 usage error (files exist, no password), 3 internal error.
`;

const OPTIONS = {
  'output-key-prefix': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function keygenCommand(args: readonly string[], io: CliIo, prompt: PasswordPrompt = ttyPrompt): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(KEYGEN_HELP);
    return 0;
  }
  if (parsed.positionals.length > 0) throw new PalisadeError('USAGE', `palisade keygen takes no arguments (got "${parsed.positionals.join('", "')}")`);
  const prefix = stringOption(parsed, 'output-key-prefix') ?? 'palisade';
  if (prefix === '') throw new PalisadeError('USAGE', '--output-key-prefix must not be empty');
  const force = parsed.values['force'] === true;
  const keyPath = `${prefix}.key`;
  const publicPath = `${prefix}.pub`;
  if (!force) await refuseExisting([keyPath, publicPath]);
  const password = await keyPassword(io.env, prompt, true);
  if (password === '') io.stderr.write('Warning: the private key is encrypted with an empty password.\n');
  const { privateKey, publicKey } = generateKeyPair();
  await writeOrRefuse(keyPath, encryptPrivateKey(privateKey, password), 0o600, force);
  await writeOrRefuse(publicPath, exportPublicKey(publicKey), 0o644, force);
  io.stdout.write(`Private key written to ${keyPath}\nPublic key written to ${publicPath}\nKey id: ${keyFingerprint(publicKey)}\n`);
  return 0;
}

async function refuseExisting(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new PalisadeError('USAGE', `${path} already exists; use --force to overwrite it, or --output-key-prefix to write elsewhere`);
  }
}

async function writeOrRefuse(path: string, content: string, mode: number, force: boolean): Promise<void> {
  let written: boolean;
  try {
    written = await writeSecureFile(path, content, mode, force);
  } catch (error) {
    throw new PalisadeError('OUTPUT_FAILED', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!written) throw new PalisadeError('USAGE', `${path} already exists; use --force to overwrite it`);
}
