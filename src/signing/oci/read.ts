import { isPalisadeError, PalisadeError } from '../../core/index.ts';
import { listReferrers, type RegistryClient } from '../../image/source/registry/index.ts';
import {
  attachmentTag,
  ATTESTATION_ARTIFACT_TYPE,
  DSSE_MEDIA_TYPE,
  SIGNATURE_ARTIFACT_TYPE,
  SIMPLE_SIGNING_MEDIA_TYPE,
  type AttachmentKind,
  type LayerDescriptor,
} from './layout.ts';

/** Largest simple-signing payload read (cosign's are a few hundred bytes). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Largest DSSE envelope read (an SBOM predicate can be large; a 100 MB one is refused unread). */
export const MAX_ENVELOPE_BYTES = 32 * 1024 * 1024;
/** Most layers read from one tag or referrer (a tag with thousands of signatures is an attack, not a use). */
const MAX_LAYERS = 256;

/** One signature or attestation layer found for an image, with its bytes or why they could not be read. */
export interface FetchedAttachment {
  /** Where it was found: `tag sha256-….sig, layer 0` or `referrer sha256:…, layer 0`. */
  readonly source: string;
  readonly layer: LayerDescriptor;
  /** The verified layer bytes; undefined when `problem` says why they are missing. */
  readonly bytes: Buffer | undefined;
  readonly problem: string | undefined;
}

const MEDIA_TYPE = { signature: SIMPLE_SIGNING_MEDIA_TYPE, attestation: DSSE_MEDIA_TYPE } as const satisfies Record<AttachmentKind, string>;
const ARTIFACT_TYPE = { signature: SIGNATURE_ARTIFACT_TYPE, attestation: ATTESTATION_ARTIFACT_TYPE } as const satisfies Record<AttachmentKind, string>;
const LIMIT = { signature: MAX_PAYLOAD_BYTES, attestation: MAX_ENVELOPE_BYTES } as const satisfies Record<AttachmentKind, number>;

/** The layers of the manifest under `tag`; [] when the tag does not exist. A malformed manifest is IMAGE_INVALID. */
export async function readAttachmentLayers(client: RegistryClient, reference: string): Promise<LayerDescriptor[]> {
  const manifest = await client.getManifest(reference);
  if (manifest === undefined) return [];
  return parseLayers(manifest.bytes, `${client.target.reference}: ${reference}`);
}

/**
 * Every signature (or attestation) layer attached to `digest`: those under cosign's tag, then those of
 * OCI 1.1 referrers with cosign's artifact type (read through the API or its fallback tag). Layers of
 * another media type are skipped; a layer whose blob is missing, too large or corrupt is returned with a
 * `problem` so verification can say so.
 */
export async function fetchAttachments(client: RegistryClient, digest: string, kind: AttachmentKind): Promise<FetchedAttachment[]> {
  const tag = attachmentTag(digest, kind);
  const found: FetchedAttachment[] = [];
  const tagged = await readAttachmentLayers(client, tag);
  for (const [i, layer] of tagged.entries()) {
    if (layer.mediaType === MEDIA_TYPE[kind]) found.push(await fetchLayer(client, layer, `tag ${tag}, layer ${i}`, kind));
  }
  const referrers = await listReferrers(client, digest, ARTIFACT_TYPE[kind]);
  for (const referrer of referrers.referrers.slice(0, MAX_LAYERS)) {
    const layers = await readAttachmentLayers(client, referrer.digest);
    for (const [i, layer] of layers.entries()) {
      if (layer.mediaType !== MEDIA_TYPE[kind] || found.some((other) => other.layer.digest === layer.digest)) continue;
      found.push(await fetchLayer(client, layer, `referrer ${referrer.digest}, layer ${i}`, kind));
    }
  }
  return found;
}

async function fetchLayer(client: RegistryClient, layer: LayerDescriptor, source: string, kind: AttachmentKind): Promise<FetchedAttachment> {
  const limit = LIMIT[kind];
  if (layer.size > limit) return { source, layer, bytes: undefined, problem: `the layer is ${layer.size} bytes, more than the ${limit} read` };
  try {
    return { source, layer, bytes: await client.getBlob(layer.digest, limit), problem: undefined };
  } catch (error) {
    if (!isPalisadeError(error) || error.code === 'REGISTRY_AUTH_FAILED' || error.code === 'NETWORK_FAILED') throw error;
    return { source, layer, bytes: undefined, problem: error.message };
  }
}

function parseLayers(bytes: Buffer, what: string): LayerDescriptor[] {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PalisadeError('IMAGE_INVALID', `${what} is not a JSON manifest.`);
  }
  if (!isRecord(value) || !Array.isArray(value.layers)) throw new PalisadeError('IMAGE_INVALID', `${what} is not an image manifest (no "layers" array).`);
  if (value.layers.length > MAX_LAYERS) throw new PalisadeError('IMAGE_INVALID', `${what} has ${value.layers.length} layers; at most ${MAX_LAYERS} are read.`);
  return value.layers.map((entry: unknown, i) => parseLayer(entry, `${what}: layers[${i}]`));
}

function parseLayer(entry: unknown, what: string): LayerDescriptor {
  if (!isRecord(entry)) throw new PalisadeError('IMAGE_INVALID', `${what} is not a descriptor.`);
  const { mediaType, digest, size, annotations } = entry;
  if (typeof mediaType !== 'string' || typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest) || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new PalisadeError('IMAGE_INVALID', `${what} needs a mediaType, a sha256 digest and a size.`);
  }
  const strings: Record<string, string> = {};
  if (isRecord(annotations)) for (const [key, item] of Object.entries(annotations)) if (typeof item === 'string') strings[key] = item;
  return { mediaType, digest, size, annotations: strings };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
