import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pipeline } from 'node:stream/promises';
import { createZstdCompress } from 'node:zlib';
import type { Pack } from 'tar-stream';
import { pack } from 'tar-stream';
import { PalisadeError } from '../core/index.ts';
import { readDatabaseMeta } from '../vuln/index.ts';
import type { KitFile, KitManifest } from './manifest.ts';
import { KIT_KIND, KIT_SCHEMA_VERSION, MANIFEST_NAME, SIGNATURE_NAME, isSafeKitPath, serializeManifest } from './manifest.ts';

/** A file to put in the kit: where it goes inside the kit, and where it is now. */
export interface KitContent {
  readonly path: string;
  readonly file: string;
}

/** Signs the manifest; `fingerprint` names the key (its public key's SHA-256). */
export interface KitSigner {
  readonly fingerprint: string;
  sign(data: Uint8Array): Uint8Array;
}

export interface KitSources {
  /** The advisory database to bundle (a consistent copy is taken, even while another process writes it). */
  readonly databasePath: string;
  /** Policy folders or files (CEL policies), under `policies/<name>/`. */
  readonly policies?: readonly string[];
  /** Folders of Kubernetes JSON schemas (CRDs, other versions), under `schemas/<name>/`. */
  readonly schemas?: readonly string[];
  /** Trust roots: public keys (PEM) and Sigstore trusted_root.json files, under `trust/`. */
  readonly trustRoots?: readonly string[];
}

function* filesUnder(root: string): Generator<string> {
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

function contentsOf(kind: 'policies' | 'schemas' | 'trust', sources: readonly string[]): KitContent[] {
  const contents: KitContent[] = [];
  for (const source of sources) {
    if (!existsSync(source)) throw new PalisadeError('TARGET_NOT_FOUND', `No file or folder ${source} to put in the kit`, { position: { path: source } });
    const folder = statSync(source).isDirectory();
    const files = folder ? [...filesUnder(source)] : [source];
    for (const file of files) {
      const path = folder ? `${kind}/${basename(resolve(source))}/${relative(source, file).split(sep).join('/')}` : `${kind}/${basename(file)}`;
      if (!isSafeKitPath(path)) throw new PalisadeError('USAGE', `${file}: the name cannot go into a kit (use letters, digits and . _ - @ + = only)`, { position: { path: file } });
      contents.push({ path, file });
    }
  }
  return contents;
}

/** A consistent copy of the advisory database (VACUUM INTO), checked to be a Palisade database. */
async function snapshotDatabase(databasePath: string, folder: string): Promise<string> {
  if (!existsSync(databasePath)) {
    throw new PalisadeError('DB_UNAVAILABLE', `No advisory database at ${databasePath} to put in the kit. Run \`palisade db update\` first (or name one with --db).`, { position: { path: databasePath } });
  }
  readDatabaseMeta(databasePath);
  const copy = join(folder, 'advisories.db');
  const database = new DatabaseSync(databasePath, { readOnly: true });
  try {
    database.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
  } finally {
    database.close();
  }
  return copy;
}

async function describe(content: KitContent): Promise<KitFile> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(content.file), hash);
  return { path: content.path, size: (await stat(content.file)).size, sha256: hash.digest('hex') };
}

/** Streams a file into the archive as one entry, with back-pressure. */
async function addFile(archive: Pack, header: { name: string; size: number; mtime: Date; mode: number }, file: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const sink = archive.entry(header, (error) => (error === null || error === undefined ? resolve() : reject(error)));
    const source = createReadStream(file);
    source.on('data', (chunk) => {
      if (!sink.write(chunk)) source.pause();
    });
    sink.on('drain', () => source.resume());
    source.on('end', () => sink.end(undefined));
    source.on('error', reject);
  });
}

export interface CreateKitOptions {
  readonly output: string;
  readonly sources: KitSources;
  readonly signer: KitSigner;
  readonly createdBy: string;
  readonly now: Date;
}

/**
 * Writes an offline kit: a zstd-compressed tar whose first entries are `manifest.json` (the SHA-256
 * and size of every other file) and `manifest.sig` (the signer's signature over the manifest's bytes),
 * then the advisory database, policies, schemas and trust roots. Written to a temporary file renamed
 * into place, so a failed run leaves no partial kit.
 */
export async function createKit({ output, sources, signer, createdBy, now }: CreateKitOptions): Promise<KitManifest> {
  const work = await mkdtemp(join(tmpdir(), 'palisade-kit-'));
  const temporary = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    const contents: KitContent[] = [
      { path: 'advisories.db', file: await snapshotDatabase(sources.databasePath, work) },
      ...contentsOf('policies', sources.policies ?? []),
      ...contentsOf('schemas', sources.schemas ?? []),
      ...contentsOf('trust', sources.trustRoots ?? []),
    ];
    const duplicate = contents.find((content, index) => contents.findIndex((other) => other.path === content.path) !== index);
    if (duplicate !== undefined) throw new PalisadeError('USAGE', `Two sources would both be ${duplicate.path} in the kit; rename one folder`);
    const files: KitFile[] = [];
    for (const content of contents) files.push(await describe(content));
    const manifest: KitManifest = { kind: KIT_KIND, schemaVersion: KIT_SCHEMA_VERSION, createdBy, created: now.toISOString(), signer: signer.fingerprint, files };
    const manifestBytes = serializeManifest(manifest);
    const signature = Buffer.from(signer.sign(manifestBytes));
    const archive = pack();
    const written = pipeline(archive, createZstdCompress(), createWriteStream(temporary));
    const mtime = new Date(0);
    archive.entry({ name: MANIFEST_NAME, size: manifestBytes.length, mtime, mode: 0o644 }, manifestBytes);
    archive.entry({ name: SIGNATURE_NAME, size: signature.length, mtime, mode: 0o644 }, signature);
    for (const [index, content] of contents.entries()) await addFile(archive, { name: content.path, size: files[index]?.size ?? 0, mtime, mode: 0o644 }, content.file);
    archive.finalize();
    await written;
    await rename(temporary, output);
    return manifest;
  } finally {
    await rm(temporary, { force: true });
    await rm(work, { recursive: true, force: true });
  }
}
