import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createZstdDecompress } from 'node:zlib';
import type { Extract, Header } from 'tar-stream';
import { extract as createExtract } from 'tar-stream';
import { PalisadeError } from '../core/index.ts';
import { feedTar } from '../image/fs/index.ts';
import { readDatabaseMeta } from '../vuln/index.ts';
import type { KitFolderProbe } from './kit-folder.ts';
import { replaceKitFolder, sweepLeftovers } from './kit-folder.ts';
import type { KitManifest } from './manifest.ts';
import { MANIFEST_NAME, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES, SIGNATURE_NAME, parseManifest } from './manifest.ts';

/** Checks the manifest's signature with the trusted key: true only for a valid signature. */
export type KitVerifier = (data: Uint8Array, signature: Uint8Array) => boolean;

export interface VerifiedKit {
  readonly manifest: KitManifest;
  /** The folder holding the kit's files, verified, at their kit paths (remove it when done). */
  readonly staging: string;
}

function broken(kitPath: string, message: string): PalisadeError {
  return new PalisadeError('PARSE_FAILED', `${kitPath}: ${message}`, { position: { path: kitPath } });
}

function tampered(kitPath: string, message: string): PalisadeError {
  return new PalisadeError('SIGNATURE_INVALID', `${kitPath}: ${message}; the kit was changed after it was signed, or not signed by this key. Nothing was installed.`, { position: { path: kitPath } });
}

const STAGING_PREFIX = '.palisade-kit-staging-';

/** A tar entry as tar-stream yields it: its header and its content. */
interface Entry extends AsyncIterable<unknown> {
  readonly header: Header;
}

async function readSmall(entry: Entry, limit: number, kitPath: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of entry) {
    if (!Buffer.isBuffer(chunk)) throw broken(kitPath, `${entry.header.name} could not be read`);
    length += chunk.length;
    if (length > limit) throw broken(kitPath, `${entry.header.name} is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Writes an entry to `file`, refusing more bytes than declared; resolves to its SHA-256 (hex) and size. */
async function stage(entry: Entry, file: string, declared: number, kitPath: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'wx', 0o600);
  try {
    for await (const chunk of entry) {
      if (!Buffer.isBuffer(chunk)) throw broken(kitPath, `${entry.header.name} could not be read`);
      size += chunk.length;
      if (size > declared) throw tampered(kitPath, `${entry.header.name} is larger than the manifest says`);
      hash.update(chunk);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Reads and verifies a kit into a staging folder: the signature over manifest.json first (the two
 * first entries), then every file's size and SHA-256 against the manifest, and finally that every
 * listed file was there. A kit that fails any check throws (SIGNATURE_INVALID for tampering,
 * PARSE_FAILED for a malformed archive) and leaves nothing behind. The staging folder is made in
 * `stagingParent` (beside the install folder, so that installing is a rename on one file system).
 */
export async function readKit(kitPath: string, verify: KitVerifier, stagingParent: string): Promise<VerifiedKit> {
  await mkdir(stagingParent, { recursive: true });
  await sweepLeftovers(stagingParent, STAGING_PREFIX);
  const staging = await mkdtemp(join(stagingParent, `${STAGING_PREFIX}${process.pid}-`));
  const extract = createExtract();
  const source = createReadStream(kitPath).pipe(createZstdDecompress());
  const feeding = feedTar(source, extract);
  try {
    const manifest = await readEntries(extract, kitPath, verify, staging);
    await feeding;
    return { manifest, staging };
  } catch (error) {
    extract.destroy();
    source.destroy();
    await feeding;
    await rm(staging, { recursive: true, force: true });
    if (error instanceof PalisadeError) throw error;
    throw broken(kitPath, `not a readable kit, a zstd-compressed tar (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function readEntries(archive: Extract, kitPath: string, verify: KitVerifier, staging: string): Promise<KitManifest> {
  let manifestBytes: Buffer | undefined;
  let manifest: KitManifest | undefined;
  const seen = new Set<string>();
  for await (const entry of archive) {
    const name = entry.header.name;
    if (manifestBytes === undefined) {
      if (name !== MANIFEST_NAME) throw broken(kitPath, `the first entry is ${JSON.stringify(name)}, not ${MANIFEST_NAME}`);
      manifestBytes = await readSmall(entry, MAX_MANIFEST_BYTES, kitPath);
      continue;
    }
    if (manifest === undefined) {
      if (name !== SIGNATURE_NAME) throw broken(kitPath, `the second entry is ${JSON.stringify(name)}, not ${SIGNATURE_NAME}`);
      if (!verify(manifestBytes, await readSmall(entry, MAX_SIGNATURE_BYTES, kitPath))) throw tampered(kitPath, 'the manifest signature does not verify');
      manifest = parseManifest(manifestBytes, kitPath);
      continue;
    }
    const listed = manifest.files.find((file) => file.path === name);
    if (listed === undefined || seen.has(name) || entry.header.type !== 'file') throw tampered(kitPath, `${JSON.stringify(name)} is not a file the manifest lists (or appears twice)`);
    seen.add(name);
    const { sha256, size } = await stage(entry, join(staging, ...name.split('/')), listed.size, kitPath);
    if (size !== listed.size || sha256 !== listed.sha256) throw tampered(kitPath, `${name} does not match its SHA-256 in the manifest`);
  }
  if (manifest === undefined) throw broken(kitPath, 'the kit holds no signed manifest');
  const missing = manifest.files.filter((file) => !seen.has(file.path)).map((file) => file.path);
  if (missing.length > 0) throw tampered(kitPath, `files listed in the manifest are missing: ${missing.slice(0, 5).join(', ')}`);
  return manifest;
}

export interface InstallTargets {
  /** Where the advisory database goes (scans read it there: --db, $PALISADE_DB or the user cache). */
  readonly databasePath: string;
  /** The folder that receives policies/, schemas/ and trust/ (replaced as a whole). */
  readonly kitDir: string;
}

/**
 * Installs a verified kit: the database is renamed over the current one (readers see the old or the
 * new file, never a mix), then the kit folder is switched to a new version holding the kit's
 * policies, schemas and trust roots (kit-folder.ts: readers see the old kit or the new one, whole).
 * `probe` is called after each step of the switch (tests stop the install there).
 */
export async function installKit(kit: VerifiedKit, targets: InstallTargets, probe?: KitFolderProbe): Promise<void> {
  const database = join(kit.staging, 'advisories.db');
  readDatabaseMeta(database);
  await mkdir(dirname(targets.databasePath), { recursive: true });
  await sweepLeftovers(dirname(targets.databasePath), `${basename(targets.databasePath)}.kit-`);
  const databaseTemp = `${targets.databasePath}.kit-${process.pid}.tmp`;
  await pipeline(createReadStream(database), createWriteStream(databaseTemp));
  await rename(databaseTemp, targets.databasePath);
  await rm(`${targets.databasePath}-wal`, { force: true });
  await rm(`${targets.databasePath}-shm`, { force: true });
  await mkdir(dirname(targets.kitDir), { recursive: true });
  await replaceKitFolder(targets.kitDir, async (folder) => {
    for (const name of ['policies', 'schemas', 'trust']) {
      if (kit.manifest.files.some((file) => file.path.startsWith(`${name}/`))) await rename(join(kit.staging, name), join(folder, name));
    }
  }, probe);
}
