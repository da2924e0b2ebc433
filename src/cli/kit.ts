import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PalisadeError } from '../core/errors.ts';
import type { KitManifest } from '../kit/index.ts';
import { createKit, installKit, readKit } from '../kit/index.ts';
import { TOOL_VERSION } from '../scan/version.ts';
import { keyFingerprint, loadPublicKey, signData, verifyData } from '../signing/keys/index.ts';
import { defaultDatabasePath } from '../vuln/index.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';
import { readKeyFile, readPrivateKey, repeatedValues } from './sign.ts';

export const KIT_HELP = `Usage: palisade kit <command> [options]

Offline kits carry what a scan would otherwise download, for air-gapped networks: the advisory
database, policies, extra Kubernetes schemas and trust roots, with a manifest of SHA-256 digests
signed by your key. (The built-in Kubernetes schemas ship inside Palisade itself.)

Commands:
  create -o FILE --key KEY     Write a kit (a zstd-compressed tar) signed with the private key KEY
                               (cosign's encrypted PEM, password from $PALISADE_PASSWORD, or PKCS#8)
  import FILE --key PUB        Verify the kit with the public key PUB, then install it: the database
                               where scans read it, the rest in the kit folder
  verify FILE --key PUB        Verify the kit without installing anything

Options:
  --db FILE            create: the database to bundle; import: where to install it
                       (default: $PALISADE_DB, else $XDG_CACHE_HOME/palisade/advisories.db)
  --policy PATH        create: a policy folder or file to bundle (repeatable)
  --schemas DIR        create: a folder of Kubernetes JSON schemas to bundle (repeatable)
  --trust-root FILE    create: a public key or trusted_root.json to bundle (repeatable)
  --dir DIR            import: the kit folder (default: kit/ beside the database)
  -h, --help           This help

Examples:
  palisade db update && palisade kit create -o kit.tar.zst --key kit.key --policy policies/
  palisade kit import kit.tar.zst --key kit.pub
  palisade scan . --offline
`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  key: { type: 'string' },
  db: { type: 'string' },
  policy: { type: 'string', multiple: true },
  schemas: { type: 'string', multiple: true },
  'trust-root': { type: 'string', multiple: true },
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new PalisadeError('USAGE', `palisade kit needs ${what}`);
  return value;
}

function describeKit(manifest: KitManifest): string {
  const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  return `${manifest.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, made by ${manifest.createdBy} on ${manifest.created}, signed by ${manifest.signer}`;
}

export async function kitCommand(args: readonly string[], io: CliIo, now: Date = new Date()): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, file, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(KIT_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  const key = required(stringOption(parsed, 'key'), '--key');
  const databasePath = stringOption(parsed, 'db') ?? defaultDatabasePath(io.env);
  if (action === 'create' && file === undefined) {
    const output = resolve(required(stringOption(parsed, 'output'), '-o FILE'));
    const privateKey = await readPrivateKey(key, io.env);
    const sources = { databasePath, policies: repeatedValues(args, OPTIONS, 'policy'), schemas: repeatedValues(args, OPTIONS, 'schemas'), trustRoots: repeatedValues(args, OPTIONS, 'trust-root') };
    const signer = { fingerprint: keyFingerprint(privateKey), sign: (data: Uint8Array) => signData(privateKey, data) };
    const manifest = await createKit({ output, sources, signer, createdBy: `palisade ${TOOL_VERSION}`, now });
    io.stdout.write(`Wrote ${output}: ${describeKit(manifest)}\n`);
    return 0;
  }
  if ((action === 'import' || action === 'verify') && file !== undefined && extra.length === 0) {
    const publicKey = loadPublicKey(await readKeyFile(key, 'public key'));
    const kitDir = resolve(stringOption(parsed, 'dir') ?? join(dirname(databasePath), 'kit'));
    const kit = await readKit(resolve(file), (data, signature) => verifyData(publicKey, data, signature), dirname(kitDir));
    try {
      if (action === 'verify') {
        io.stdout.write(`${file}: verified (${describeKit(kit.manifest)})\n`);
        return 0;
      }
      await installKit(kit, { databasePath, kitDir });
    } finally {
      await rm(kit.staging, { recursive: true, force: true });
    }
    io.stdout.write(`Installed ${file} (${describeKit(kit.manifest)}):\n  advisory database  ${databasePath}\n  kit folder         ${kitDir} (policies/, schemas/, trust/)\n`);
    return 0;
  }
  throw new PalisadeError('USAGE', `Unknown kit command "${parsed.positionals.join(' ')}"; expected "create -o FILE", "import FILE" or "verify FILE"`);
}
