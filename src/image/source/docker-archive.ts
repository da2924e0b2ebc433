import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { PalisadeError } from '../../core/index.ts';
import { parseImageConfig } from './config.ts';
import { sha256Digest, verifyBytes } from './digest.ts';
import { isRecord, stringArray } from './json.ts';
import { parseManifestDocument, type Descriptor } from './manifest.ts';
import { DOCKER_CONFIG, DOCKER_LAYER, DOCKER_LAYER_GZIP, DOCKER_MANIFEST, MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, OCI_INDEX, OCI_LAYER_ZSTD, READ_CHUNK } from './media-types.ts';
import { verified } from './oci-layout.ts';
import { resolveFromEntries, type BlobStore } from './resolve.ts';
import { selectLayoutEntries } from './select.ts';
import { indexTar, resolveTarEntry, type TarEntry } from './tar-index.ts';
import type { DockerArchiveTarget } from './target.ts';
import type { ImageSource, LayerDescriptor, Platform } from './types.ts';

type Entries = ReadonlyMap<string, TarEntry>;

/**
 * Opens a `docker save` tarball: the OCI layout inside it (index.json + blobs/, Docker 25 and later)
 * when present, else the legacy manifest.json with `<id>.json` configs and `<id>/layer.tar` layers.
 * The tar is indexed once; layers are streamed from their offsets, never extracted.
 */
export async function openDockerArchive(target: DockerArchiveTarget, platform: Platform): Promise<ImageSource> {
  const info = await stat(target.path).catch(() => undefined);
  if (info === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${target.reference}: the file ${target.path} does not exist.`, { position: { path: target.path } });
  if (!info.isFile()) throw new PalisadeError('IMAGE_INVALID', `${target.reference}: ${target.path} is not a file (use oci: for a layout folder).`, { position: { path: target.path } });
  const entries = await indexTar(target.path);
  if (entries.has('index.json') && entries.has('oci-layout')) return openLayoutInArchive(target, entries, platform);
  if (entries.has('manifest.json')) return openLegacy(target, entries);
  throw new PalisadeError('IMAGE_INVALID', `${target.path} is a tar archive but neither a docker save archive (no manifest.json) nor an OCI layout (no index.json).`, { position: { path: target.path } });
}

async function openLayoutInArchive(target: DockerArchiveTarget, entries: Entries, platform: Platform): Promise<ImageSource> {
  const indexBytes = await readEntry(target.path, entries, 'index.json', MAX_MANIFEST_BYTES);
  const index = parseManifestDocument(indexBytes, OCI_INDEX, `${target.path}: index.json`);
  if (index.kind !== 'index') throw new PalisadeError('IMAGE_INVALID', `${target.path}: index.json is not an image index.`, { position: { path: target.path } });
  const selector = { ...(target.ref === undefined ? {} : { ref: target.ref }), ...(target.index === undefined ? {} : { index: target.index }) };
  const chosen = selectLayoutEntries(index.manifests, selector, target.reference);
  const image = await resolveFromEntries(tarBlobStore(target.path, entries), chosen, platform, target.reference);
  return { transport: 'docker-archive', reference: target.reference, ...image, close: async () => {} };
}

function tarBlobStore(path: string, entries: Entries): BlobStore {
  const entryOf = (descriptor: Descriptor): TarEntry => {
    const name = `blobs/${descriptor.digest.replace(':', '/')}`;
    const entry = resolveTarEntry(entries, name);
    if (entry === undefined) throw new PalisadeError('IMAGE_INVALID', `${path}: blob ${descriptor.digest} is missing (no ${name} in the archive).`, { position: { path } });
    return entry;
  };
  const readSmall = async (descriptor: Descriptor, limit: number): Promise<Buffer> => {
    const entry = entryOf(descriptor);
    const bytes = await readEntry(path, entries, entry.name, limit);
    verifyBytes(bytes, descriptor.digest, descriptor.size, `${path}: ${entry.name}`);
    return bytes;
  };
  return {
    readManifest: async (descriptor) => ({ bytes: await readSmall(descriptor, MAX_MANIFEST_BYTES) }),
    readBlob: (descriptor) => readSmall(descriptor, MAX_CONFIG_BYTES),
    openBlob: async (descriptor) => {
      const entry = entryOf(descriptor);
      return verified(streamEntry(path, entry), descriptor, `${path}: ${entry.name}`);
    },
  };
}

interface LegacyImage {
  readonly config: string;
  readonly repoTags: readonly string[];
  readonly layers: readonly string[];
}

async function openLegacy(target: DockerArchiveTarget, entries: Entries): Promise<ImageSource> {
  const path = target.path;
  const images = parseLegacyManifest(await readEntry(path, entries, 'manifest.json', MAX_MANIFEST_BYTES), path);
  const image = selectLegacy(images, target);
  const configBytes = await readEntry(path, entries, image.config, MAX_CONFIG_BYTES);
  const config = parseImageConfig(configBytes, `${path}: ${image.config}`);
  const diffIds = config.rootfs?.diff_ids ?? [];
  const layers: LayerDescriptor[] = [];
  for (const [i, name] of image.layers.entries()) {
    const entry = resolveTarEntry(entries, name);
    if (entry === undefined) throw new PalisadeError('IMAGE_INVALID', `${path}: layer ${name} named in manifest.json is missing from the archive.`, { position: { path } });
    const described = await describeLegacyLayer(path, entry, diffIds.length === image.layers.length ? diffIds[i] : undefined);
    layers.push({ ...described, open: async () => verified(streamEntry(path, entry), described, `${path}: ${entry.name}`) });
  }
  const configDescriptor = { mediaType: DOCKER_CONFIG, digest: sha256Digest(configBytes), size: configBytes.length };
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: DOCKER_MANIFEST,
    config: configDescriptor,
    layers: layers.map(({ mediaType, size, digest }) => ({ mediaType, size, digest })),
  });
  return {
    transport: 'docker-archive',
    reference: target.reference,
    manifestDigest: sha256Digest(manifest),
    manifestMediaType: DOCKER_MANIFEST,
    config,
    configDigest: configDescriptor.digest,
    layers,
    close: async () => {},
  };
}

function parseLegacyManifest(bytes: Buffer, path: string): LegacyImage[] {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new PalisadeError('IMAGE_INVALID', `${path}: manifest.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { position: { path } });
  }
  if (!Array.isArray(value)) throw new PalisadeError('IMAGE_INVALID', `${path}: manifest.json is not an array of images.`, { position: { path } });
  return value.map((item: unknown, i): LegacyImage => {
    const config = isRecord(item) ? item.Config : undefined;
    const layers = isRecord(item) ? stringArray(item.Layers) : undefined;
    if (typeof config !== 'string' || layers === undefined) {
      throw new PalisadeError('IMAGE_INVALID', `${path}: manifest.json entry ${i} needs "Config" and "Layers".`, { position: { path } });
    }
    return { config, layers, repoTags: (isRecord(item) ? stringArray(item.RepoTags) : undefined) ?? [] };
  });
}

function selectLegacy(images: readonly LegacyImage[], target: DockerArchiveTarget): LegacyImage {
  const tags = images.flatMap((image) => image.repoTags);
  const known = tags.length === 0 ? `${images.length} untagged image(s)` : `tags: ${tags.join(', ')}`;
  if (target.index !== undefined) {
    const image = images[target.index];
    if (image === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${target.reference}: there is no image @${target.index}; the archive holds ${known}.`);
    return image;
  }
  if (target.ref !== undefined) {
    const wanted = shortName(target.ref);
    const image = images.find((candidate) => candidate.repoTags.some((tag) => shortName(tag) === wanted));
    if (image === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${target.reference}: no image tagged "${target.ref}"; the archive holds ${known}.`);
    return image;
  }
  const only = images.length === 1 ? images[0] : undefined;
  if (only === undefined) throw new PalisadeError('IMAGE_NOT_FOUND', `${target.reference}: the archive holds ${images.length} images; name one with :<name:tag> or :@<index> (${known}).`);
  return only;
}

/** `docker.io/library/alpine` → `alpine:latest`; tags compare in this short form. */
function shortName(ref: string): string {
  const short = ref.replace(/^docker\.io\/(library\/)?/, '');
  const lastSlash = short.lastIndexOf('/');
  return short.indexOf(':', lastSlash + 1) === -1 && !short.includes('@') ? `${short}:latest` : short;
}

/** Legacy layers are usually uncompressed tars whose digest is the config's diff_id; anything else is hashed. */
async function describeLegacyLayer(path: string, entry: TarEntry, diffId: string | undefined): Promise<Descriptor> {
  const magic = await readRange(path, entry.offset, Math.min(4, entry.size));
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const zstd = magic.readUInt32LE(0) === 0xfd2fb528 && magic.length === 4;
  const mediaType = gzip ? DOCKER_LAYER_GZIP : zstd ? OCI_LAYER_ZSTD : DOCKER_LAYER;
  const digest = mediaType === DOCKER_LAYER && diffId !== undefined ? diffId : await hashEntry(path, entry);
  return { mediaType, digest, size: entry.size };
}

async function hashEntry(path: string, entry: TarEntry): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of streamEntry(path, entry)) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

function streamEntry(path: string, entry: TarEntry): Readable {
  if (entry.size === 0) return Readable.from([]);
  return createReadStream(path, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: READ_CHUNK });
}

async function readEntry(path: string, entries: Entries, name: string, limit: number): Promise<Buffer> {
  const entry = resolveTarEntry(entries, name);
  if (entry === undefined) throw new PalisadeError('IMAGE_INVALID', `${path}: ${name} is missing from the archive.`, { position: { path } });
  if (entry.size > limit) throw new PalisadeError('IMAGE_INVALID', `${path}: ${name} is ${entry.size} bytes, more than the ${limit} read.`, { position: { path } });
  return readRange(path, entry.offset, entry.size);
}

async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
