import { PalisadeError } from '../../core/index.ts';
import { listReferrers, pushReferrer, type RegistryClient } from '../../image/source/registry/index.ts';
import {
  attachmentConfig,
  attachmentManifest,
  attachmentTag,
  ATTESTATION_ARTIFACT_TYPE,
  OCI_EMPTY,
  OCI_MANIFEST_TYPE,
  referrerManifest,
  sha256,
  SIGNATURE_ANNOTATION,
  SIGNATURE_ARTIFACT_TYPE,
  type AttachmentKind,
  type LayerDescriptor,
} from './layout.ts';
import { readAttachmentLayers } from './read.ts';

/** What to attach: the layer bytes (payload or DSSE envelope) and its media type and annotations. */
export interface Attachment {
  readonly kind: AttachmentKind;
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The image being signed, by digest (never a tag). */
export interface Subject {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
}

export interface AttachResult {
  /** The tag written (`sha256-<hex>.sig` or `.att`). */
  readonly tag: string;
  /** The manifest now under the tag. */
  readonly manifestDigest: string;
  /** How many layers the tag holds now (the existing ones plus this, unless it was there already). */
  readonly layers: number;
  /** False when an identical layer (same bytes, same signature) was already attached. */
  readonly added: boolean;
  /** The referrer manifest's digest when the registry implements the referrers API. */
  readonly referrer: string | undefined;
}

/**
 * Attaches a signature or attestation the way cosign does: the blob is uploaded, and the manifest under
 * `sha256-<hex>.sig|.att` is rewritten with the existing layers plus this one (appending, never
 * replacing). Where the registry answers the OCI 1.1 referrers API, the attachment is also pushed as
 * a referrer of the image. Two signers racing on one tag can lose a layer, as with cosign.
 */
export async function attach(client: RegistryClient, subject: Subject, attachment: Attachment): Promise<AttachResult> {
  if (!subject.digest.startsWith('sha256:')) throw new PalisadeError('USAGE', `Only sha256 images can be signed (got ${subject.digest}).`);
  const tag = attachmentTag(subject.digest, attachment.kind);
  const existing = await readAttachmentLayers(client, tag);
  const layer: LayerDescriptor = { mediaType: attachment.mediaType, digest: sha256(attachment.bytes), size: attachment.bytes.length, annotations: attachment.annotations };
  const added = !existing.some((other) => sameLayer(other, layer));
  const layers = added ? [...existing, layer] : existing;
  await client.putBlob(attachment.bytes);
  const config = attachmentConfig(layers);
  await client.putBlob(config);
  const manifest = attachmentManifest(config, layers);
  const put = await client.putManifest(tag, manifest, OCI_MANIFEST_TYPE);
  const referrer = await attachReferrer(client, subject, layer, attachment.kind);
  return { tag, manifestDigest: put.digest, layers: layers.length, added, referrer };
}

/** Pushes the referrer only where the registry implements the API (a tag-schema registry has the cosign tag). */
async function attachReferrer(client: RegistryClient, subject: Subject, layer: LayerDescriptor, kind: AttachmentKind): Promise<string | undefined> {
  const artifactType = kind === 'signature' ? SIGNATURE_ARTIFACT_TYPE : ATTESTATION_ARTIFACT_TYPE;
  const current = await listReferrers(client, subject.digest, artifactType);
  if (current.via !== 'api') return undefined;
  await client.putBlob(OCI_EMPTY);
  const manifest = referrerManifest(layer, kind, subject);
  if (current.referrers.some((referrer) => referrer.digest === sha256(manifest))) return sha256(manifest);
  return (await pushReferrer(client, manifest, OCI_MANIFEST_TYPE, subject.digest, artifactType)).digest;
}

function sameLayer(a: LayerDescriptor, b: LayerDescriptor): boolean {
  return a.digest === b.digest && a.mediaType === b.mediaType && a.annotations[SIGNATURE_ANNOTATION] === b.annotations[SIGNATURE_ANNOTATION];
}
