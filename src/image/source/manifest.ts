import { PalisadeError } from '../../core/index.ts';
import { isDigest } from './digest.ts';
import { isRecord, optionalString, parseJsonObject, stringRecord } from './json.ts';
import {
  DOCKER_SCHEMA1,
  DOCKER_SCHEMA1_SIGNED,
  INDEX_TYPES,
  MANIFEST_TYPES,
} from './media-types.ts';
import type { Platform } from './types.ts';

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ImageIndex {
  readonly kind: 'index';
  readonly mediaType: string;
  readonly manifests: readonly Descriptor[];
}

export interface ImageManifest {
  readonly kind: 'manifest';
  readonly mediaType: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

export function parseDescriptor(value: unknown, what: string): Descriptor {
  if (!isRecord(value)) throw new PalisadeError('IMAGE_INVALID', `${what} is not a descriptor object.`);
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string' || mediaType === '') throw new PalisadeError('IMAGE_INVALID', `${what} has no mediaType.`);
  if (typeof digest !== 'string' || !isDigest(digest)) {
    throw new PalisadeError('IMAGE_INVALID', `${what} has an invalid digest ${JSON.stringify(digest)}.`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new PalisadeError('IMAGE_INVALID', `${what} has an invalid size ${JSON.stringify(size)}.`);
  }
  const platform = parseDescriptorPlatform(value.platform);
  const annotations = stringRecord(value.annotations);
  return {
    mediaType,
    digest,
    size,
    ...(platform === undefined ? {} : { platform }),
    ...(annotations === undefined ? {} : { annotations }),
  };
}

function parseDescriptorPlatform(value: unknown): Platform | undefined {
  if (!isRecord(value)) return undefined;
  const os = optionalString(value.os);
  const architecture = optionalString(value.architecture);
  if (os === undefined || architecture === undefined) return undefined;
  const variant = optionalString(value.variant);
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/**
 * Parses a manifest or an index. `mediaType` is what the transport said (the descriptor or the
 * Content-Type); the document's own `mediaType` wins when present, and the shape decides when neither
 * says (OCI allows both to be absent).
 */
export function parseManifestDocument(bytes: Buffer, mediaType: string | undefined, what: string): ImageIndex | ImageManifest {
  const document = parseJsonObject(bytes, what);
  const declared = optionalString(document.mediaType) ?? normaliseTransportType(mediaType) ?? guessType(document);
  if (declared === DOCKER_SCHEMA1 || declared === DOCKER_SCHEMA1_SIGNED || document.schemaVersion === 1) {
    throw new PalisadeError('IMAGE_INVALID', `${what} is a Docker schema 1 manifest, which is not supported; convert the image to schema 2 or OCI.`);
  }
  if (INDEX_TYPES.has(declared)) return parseIndex(document, declared, what);
  if (MANIFEST_TYPES.has(declared)) return parseManifest(document, declared, what);
  throw new PalisadeError('IMAGE_INVALID', `${what} has the unknown manifest media type "${declared}".`);
}

function normaliseTransportType(mediaType: string | undefined): string | undefined {
  if (mediaType === undefined) return undefined;
  const bare = mediaType.split(';')[0]?.trim() ?? '';
  return bare === '' || bare === 'application/json' || bare === 'application/octet-stream' ? undefined : bare;
}

function guessType(document: Record<string, unknown>): string {
  if (Array.isArray(document.manifests)) return 'application/vnd.oci.image.index.v1+json';
  if (isRecord(document.config)) return 'application/vnd.oci.image.manifest.v1+json';
  return '(none)';
}

function parseIndex(document: Record<string, unknown>, mediaType: string, what: string): ImageIndex {
  if (!Array.isArray(document.manifests)) throw new PalisadeError('IMAGE_INVALID', `${what} is an index without a "manifests" array.`);
  const manifests = document.manifests.map((entry: unknown, i) => parseDescriptor(entry, `${what}: manifests[${i}]`));
  return { kind: 'index', mediaType, manifests };
}

function parseManifest(document: Record<string, unknown>, mediaType: string, what: string): ImageManifest {
  const config = parseDescriptor(document.config, `${what}: config`);
  if (!Array.isArray(document.layers)) throw new PalisadeError('IMAGE_INVALID', `${what} has no "layers" array.`);
  const layers = document.layers.map((entry: unknown, i) => parseDescriptor(entry, `${what}: layers[${i}]`));
  return { kind: 'manifest', mediaType, config, layers };
}
