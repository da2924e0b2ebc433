import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { PalisadeError } from '../../../core/index.ts';
import { sha256Digest, verifyBytes } from '../digest.ts';
import type { Descriptor } from '../manifest.ts';
import { MANIFEST_ACCEPT, MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES } from '../media-types.ts';
import { verified } from '../oci-layout.ts';
import { resolveImage, type BlobStore } from '../resolve.ts';
import type { RegistryTarget } from '../target.ts';
import type { ImageSource, OpenImageOptions, Platform } from '../types.ts';
import { HttpClient, readBody } from './http.ts';
import { RegistrySession } from './session.ts';

/** Knobs the tests turn; the defaults suit real registries. */
export interface RegistryTuning {
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly maxRetryAfterMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Opens an image from a registry (OCI distribution spec), selecting `platform` from a multi-arch index. */
export async function openRegistryImage(
  target: RegistryTarget,
  platform: Platform,
  options: OpenImageOptions,
  tuning: RegistryTuning = {},
): Promise<ImageSource> {
  const ca = options.caFile === undefined ? undefined : await readCaFile(options.caFile);
  const http = new HttpClient({
    ...(ca === undefined ? {} : { ca }),
    insecureHosts: new Set(options.insecureRegistries ?? []),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: tuning.retries ?? 4,
    backoffMs: tuning.backoffMs ?? 500,
    maxRetryAfterMs: tuning.maxRetryAfterMs ?? 60_000,
  });
  try {
    const env = options.env ?? process.env;
    const session = new RegistrySession(http, target, {
      env,
      ...(options.dockerConfigPath === undefined ? {} : { dockerConfigPath: options.dockerConfigPath }),
    });
    const store = registryBlobStore(session);
    const root = await fetchRoot(session, target, store);
    const image = await resolveImage(store.blobs, root, platform, target.reference);
    return { transport: 'docker', reference: target.reference, ...image, close: async () => http.destroy() };
  } catch (error) {
    http.destroy();
    throw error;
  }
}

export async function readCaFile(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new PalisadeError('CONFIG_INVALID', `The CA file ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { position: { path } });
  });
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new PalisadeError('CONFIG_INVALID', `The CA file ${path} holds no PEM certificate.`, { position: { path } });
  return text;
}

interface CachedManifest {
  readonly bytes: Buffer;
  readonly mediaType?: string;
}

function registryBlobStore(session: RegistrySession): { blobs: BlobStore; cache: Map<string, CachedManifest> } {
  const cache = new Map<string, CachedManifest>();
  const blobs: BlobStore = {
    readManifest: async (descriptor: Descriptor) => {
      const cached = cache.get(descriptor.digest);
      if (cached !== undefined) return cached;
      const response = await session.get(`manifests/${descriptor.digest}`, MANIFEST_ACCEPT, `manifest ${descriptor.digest}`);
      const bytes = await readBody(response, MAX_MANIFEST_BYTES);
      verifyBytes(bytes, descriptor.digest, descriptor.size, `manifest ${descriptor.digest}`);
      const mediaType = response.headers['content-type'];
      return mediaType === undefined ? { bytes } : { bytes, mediaType };
    },
    readBlob: async (descriptor: Descriptor) => {
      const response = await session.get(`blobs/${descriptor.digest}`, undefined, `blob ${descriptor.digest}`);
      const bytes = await readBody(response, MAX_CONFIG_BYTES);
      verifyBytes(bytes, descriptor.digest, descriptor.size, `blob ${descriptor.digest}`);
      return bytes;
    },
    openBlob: async (descriptor: Descriptor): Promise<Readable> => {
      const response = await session.get(`blobs/${descriptor.digest}`, undefined, `blob ${descriptor.digest}`);
      return verified(response.body, descriptor, `blob ${descriptor.digest} from ${response.url.host}`);
    },
  };
  return { blobs, cache };
}

/** Fetches the manifest the reference names (by tag or digest) and caches it as the root descriptor. */
async function fetchRoot(
  session: RegistrySession,
  target: RegistryTarget,
  store: { cache: Map<string, CachedManifest> },
): Promise<Descriptor> {
  const reference = target.digest ?? target.tag ?? 'latest';
  const what = `manifest ${target.repository}:${reference}`.replace(':sha256:', '@sha256:');
  const response = await session.get(`manifests/${reference}`, MANIFEST_ACCEPT, what);
  const bytes = await readBody(response, MAX_MANIFEST_BYTES);
  const mediaType = response.headers['content-type'] ?? '';
  const digest = target.digest ?? sha256Digest(bytes);
  if (target.digest !== undefined) verifyBytes(bytes, target.digest, undefined, `${target.reference}: ${what}`);
  const announced = response.headers['docker-content-digest'];
  if (target.digest === undefined && typeof announced === 'string' && announced.startsWith('sha256:') && announced !== digest) {
    throw new PalisadeError('IMAGE_INVALID', `${target.reference}: the manifest has digest ${digest} but the registry announced ${announced}.`);
  }
  store.cache.set(digest, { bytes, mediaType });
  return { mediaType, digest, size: bytes.length };
}
