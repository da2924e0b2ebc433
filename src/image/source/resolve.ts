import type { Readable } from 'node:stream';
import { PalisadeError } from '../../core/index.ts';
import { parseImageConfig } from './config.ts';
import { verifyBytes } from './digest.ts';
import { parseManifestDocument, type Descriptor, type ImageIndex, type ImageManifest } from './manifest.ts';
import { INDEX_TYPES, MANIFEST_TYPES, MAX_CONFIG_BYTES } from './media-types.ts';
import { formatPlatform, platformMatches } from './platform.ts';
import type { ImageConfigFile, LayerDescriptor, Platform } from './types.ts';

/** Where manifests and blobs come from: an OCI layout folder, a tarball or a registry. */
export interface BlobStore {
  /** The bytes of a manifest or index, size and digest verified. Returns the Content-Type when the store knows one. */
  readManifest(descriptor: Descriptor): Promise<{ readonly bytes: Buffer; readonly mediaType?: string }>;
  /** A small blob read whole (the config), size and digest verified. */
  readBlob(descriptor: Descriptor): Promise<Buffer>;
  /** A blob as a stream that verifies size and digest while it flows. */
  openBlob(descriptor: Descriptor): Promise<Readable>;
}

export interface ResolvedImage {
  readonly manifestDigest: string;
  readonly manifestMediaType: string;
  readonly config: ImageConfigFile;
  readonly configDigest: string;
  readonly layers: readonly LayerDescriptor[];
}

const MAX_INDEX_DEPTH = 4;

/**
 * Follows a manifest or a (nested) index down to the single-platform manifest for `platform`, then
 * reads its config. `what` names the image in messages (the reference as written).
 */
export async function resolveImage(
  store: BlobStore,
  root: Descriptor,
  platform: Platform,
  what: string,
): Promise<ResolvedImage> {
  let descriptor = root;
  for (let depth = 0; ; depth++) {
    const { bytes, mediaType } = await store.readManifest(descriptor);
    const document = parseManifestDocument(bytes, mediaType ?? descriptor.mediaType, `${what}: manifest ${descriptor.digest}`);
    if (document.kind === 'manifest') return readImage(store, descriptor.digest, document, what);
    if (depth >= MAX_INDEX_DEPTH) throw new PalisadeError('IMAGE_INVALID', `${what}: image indexes are nested more than ${MAX_INDEX_DEPTH} deep.`);
    descriptor = await selectFromIndex(store, document, platform, what, depth);
  }
}

/** Resolves among several root entries (an OCI layout's index.json entries sharing one tag) as if they were an index. */
export async function resolveFromEntries(
  store: BlobStore,
  entries: readonly Descriptor[],
  platform: Platform,
  what: string,
): Promise<ResolvedImage> {
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only !== undefined) return resolveImage(store, only, platform, what);
  const chosen = await selectFromIndex(store, { kind: 'index', mediaType: 'application/vnd.oci.image.index.v1+json', manifests: entries }, platform, what, 0);
  return resolveImage(store, chosen, platform, what);
}

async function selectFromIndex(store: BlobStore, index: ImageIndex, platform: Platform, what: string, depth: number): Promise<Descriptor> {
  const direct = pickPlatform(index.manifests, platform);
  if (direct !== undefined) return direct;
  for (const nested of index.manifests.filter((entry) => INDEX_TYPES.has(entry.mediaType) && entry.platform === undefined)) {
    if (await indexServes(store, nested, platform, what, depth + 1)) return nested;
  }
  const available = index.manifests.flatMap((entry) => (entry.platform === undefined ? [] : [formatPlatform(entry.platform)]));
  throw new PalisadeError(
    'IMAGE_NOT_FOUND',
    `${what} has no image for platform ${formatPlatform(platform)}` +
      (available.length === 0 ? '.' : `; it has ${[...new Set(available)].join(', ')}.`),
  );
}

/** Among an index's entries, the manifest for the platform; a lone manifest without a platform also serves. */
function pickPlatform(entries: readonly Descriptor[], platform: Platform): Descriptor | undefined {
  const manifests = entries.filter((entry) => MANIFEST_TYPES.has(entry.mediaType) || INDEX_TYPES.has(entry.mediaType));
  const matching = manifests.find((entry) => entry.platform !== undefined && platformMatches(platform, entry.platform));
  if (matching !== undefined) return matching;
  const unlabelled = manifests.filter((entry) => entry.platform === undefined && MANIFEST_TYPES.has(entry.mediaType));
  return unlabelled.length === 1 && manifests.length === 1 ? unlabelled[0] : undefined;
}

async function indexServes(store: BlobStore, descriptor: Descriptor, platform: Platform, what: string, depth: number): Promise<boolean> {
  if (depth > MAX_INDEX_DEPTH) return false;
  const { bytes, mediaType } = await store.readManifest(descriptor);
  const document = parseManifestDocument(bytes, mediaType ?? descriptor.mediaType, `${what}: manifest ${descriptor.digest}`);
  if (document.kind === 'manifest') return true;
  if (pickPlatform(document.manifests, platform) !== undefined) return true;
  for (const nested of document.manifests.filter((entry) => INDEX_TYPES.has(entry.mediaType) && entry.platform === undefined)) {
    if (await indexServes(store, nested, platform, what, depth + 1)) return true;
  }
  return false;
}

async function readImage(store: BlobStore, manifestDigest: string, manifest: ImageManifest, what: string): Promise<ResolvedImage> {
  if (manifest.config.size > MAX_CONFIG_BYTES) {
    throw new PalisadeError('IMAGE_INVALID', `${what}: the image config is ${manifest.config.size} bytes, more than the ${MAX_CONFIG_BYTES} read.`);
  }
  const configBytes = await store.readBlob(manifest.config);
  verifyBytes(configBytes, manifest.config.digest, manifest.config.size, `${what}: config`);
  const config = parseImageConfig(configBytes, `${what}: config ${manifest.config.digest}`);
  const layers = manifest.layers.map((layer): LayerDescriptor => ({
    digest: layer.digest,
    size: layer.size,
    mediaType: layer.mediaType,
    open: () => store.openBlob(layer),
  }));
  return { manifestDigest, manifestMediaType: manifest.mediaType, config, configDigest: manifest.config.digest, layers };
}
