import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { PalisadeError } from '../../core/index.ts';
import { createVerifier, verifyBytes } from './digest.ts';
import { isRecord, parseJsonObject } from './json.ts';
import { parseManifestDocument, type Descriptor } from './manifest.ts';
import { MAX_MANIFEST_BYTES, OCI_INDEX, READ_CHUNK } from './media-types.ts';
import { resolveFromEntries, type BlobStore } from './resolve.ts';
import { selectLayoutEntries } from './select.ts';
import type { OciTarget } from './target.ts';
import type { ImageSource, Platform } from './types.ts';

/** Opens one image of an OCI image layout folder (image-spec `image-layout.md`). */
export async function openOciLayout(target: OciTarget, platform: Platform): Promise<ImageSource> {
  const dir = target.path;
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${target.reference}: the folder ${dir} does not exist.`, { position: { path: dir } });
  if (!info.isDirectory()) throw new PalisadeError('IMAGE_INVALID', `${target.reference}: ${dir} is not a folder (an OCI layout is a folder; use docker-archive: for a tarball).`, { position: { path: dir } });
  await checkLayoutFile(join(dir, 'oci-layout'), target.reference);
  const indexPath = join(dir, 'index.json');
  const indexBytes = await readFile(indexPath).catch(() => undefined);
  if (indexBytes === undefined) throw new PalisadeError('IMAGE_INVALID', `${target.reference}: ${indexPath} is missing.`, { position: { path: indexPath } });
  const index = parseManifestDocument(indexBytes, OCI_INDEX, indexPath);
  if (index.kind !== 'index') throw new PalisadeError('IMAGE_INVALID', `${indexPath} is a manifest, not an image index.`, { position: { path: indexPath } });
  const entries = selectLayoutEntries(index.manifests, target, target.reference);
  const store = folderBlobStore(dir);
  const image = await resolveFromEntries(store, entries, platform, target.reference);
  return { transport: 'oci', reference: target.reference, ...image, close: async () => {} };
}

async function checkLayoutFile(path: string, reference: string): Promise<void> {
  const bytes = await readFile(path).catch(() => undefined);
  if (bytes === undefined) throw new PalisadeError('IMAGE_INVALID', `${reference}: ${path} is missing, so the folder is not an OCI image layout.`, { position: { path } });
  const layout = parseJsonObject(bytes, path);
  if (!isRecord(layout) || typeof layout.imageLayoutVersion !== 'string') {
    throw new PalisadeError('IMAGE_INVALID', `${path} has no imageLayoutVersion.`, { position: { path } });
  }
}

/** Blobs of a layout folder at `blobs/<algorithm>/<encoded>`. */
export function folderBlobStore(dir: string): BlobStore {
  const blobPath = (descriptor: Descriptor): string => join(dir, 'blobs', ...descriptor.digest.split(':'));
  const readSmall = async (descriptor: Descriptor, limit: number, what: string): Promise<Buffer> => {
    if (descriptor.size > limit) throw new PalisadeError('IMAGE_INVALID', `${what} ${descriptor.digest} is ${descriptor.size} bytes, more than the ${limit} read.`);
    const path = blobPath(descriptor);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes === undefined) throw new PalisadeError('IMAGE_INVALID', `${what} ${descriptor.digest} is missing from ${dir} (no ${path}).`, { position: { path } });
    verifyBytes(bytes, descriptor.digest, descriptor.size, `${what} ${path}`);
    return bytes;
  };
  return {
    readManifest: async (descriptor) => ({ bytes: await readSmall(descriptor, MAX_MANIFEST_BYTES, 'manifest') }),
    readBlob: (descriptor) => readSmall(descriptor, Number.MAX_SAFE_INTEGER, 'blob'),
    openBlob: async (descriptor) => {
      const path = blobPath(descriptor);
      const info = await stat(path).catch(() => undefined);
      if (info === undefined) throw new PalisadeError('IMAGE_INVALID', `blob ${descriptor.digest} is missing from ${dir} (no ${path}).`, { position: { path } });
      return verified(createReadStream(path, { highWaterMark: READ_CHUNK }), descriptor, `blob ${path}`);
    },
  };
}

/** Pipes `source` through a verifier; errors of either end surface on the returned stream. */
export function verified(source: Readable, descriptor: Descriptor, what: string): Readable {
  const verifier = createVerifier(descriptor.digest, descriptor.size, what);
  pipeline(source, verifier, () => {});
  return verifier;
}
