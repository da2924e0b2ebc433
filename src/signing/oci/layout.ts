/**
 * cosign's storage layout in an OCI registry (sigstore/cosign, specs/SIGNATURE_SPEC.md and
 * pkg/types): where signatures and attestations of `<repo>@sha256:<hex>` live and how they look.
 */
import { createHash } from 'node:crypto';

/** The media type of a simple-signing payload layer. */
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** The media type of an attestation layer: the DSSE envelope itself. */
export const DSSE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';
/** The layer annotation holding the base64 signature (empty on attestation layers: the envelope signs). */
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/**
 * Palisade's own layer annotation: the signer's key fingerprint (src/signing/keys keyFingerprint). It is
 * not signed and only helps explain a failure ("altered after signing" rather than "another key").
 */
export const KEY_ID_ANNOTATION = 'dev.palisade.signature/key-id';
/** The layer annotation naming an attestation's predicate type. */
export const PREDICATE_TYPE_ANNOTATION = 'predicateType';
/** artifactType of signatures and attestations pushed as OCI 1.1 referrers (cosign's referrers mode). */
export const SIGNATURE_ARTIFACT_TYPE = 'application/vnd.dev.cosign.artifact.sig.v1+json';
export const ATTESTATION_ARTIFACT_TYPE = 'application/vnd.dev.cosign.artifact.att.v1+json';
export const OCI_MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';
/** The OCI 1.1 empty descriptor's media type, used as the config of referrer manifests. */
export const OCI_EMPTY_TYPE = 'application/vnd.oci.empty.v1+json';
export const OCI_EMPTY = Buffer.from('{}');

export type AttachmentKind = 'signature' | 'attestation';

const SUFFIX = { signature: 'sig', attestation: 'att' } as const satisfies Record<AttachmentKind, string>;

/** `sha256:abc…` → `sha256-abc….sig` (or `.att`): the tag cosign reads and writes. */
export function attachmentTag(digest: string, kind: AttachmentKind): string {
  return `${digest.replace(':', '-')}.${SUFFIX[kind]}`;
}

export interface LayerDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations: Readonly<Record<string, string>>;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The config of a signature "image" as go-containerregistry writes it for cosign (mutate.AppendLayers
 * on empty.Image): zero values, one history entry and one diff id (the layer digest) per layer.
 */
export function attachmentConfig(layers: readonly LayerDescriptor[]): Buffer {
  const epoch = '0001-01-01T00:00:00Z';
  return Buffer.from(JSON.stringify({
    architecture: '',
    created: epoch,
    history: layers.map(() => ({ created: epoch })),
    os: '',
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
    config: {},
  }));
}

/** The manifest under `sha256-<hex>.sig|.att`: an OCI image manifest whose layers are the attachments. */
export function attachmentManifest(config: Buffer, layers: readonly LayerDescriptor[]): Buffer {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_TYPE,
    config: { mediaType: OCI_CONFIG_TYPE, size: config.length, digest: sha256(config) },
    layers: layers.map(descriptorJson),
  }));
}

/** One attachment as an OCI 1.1 referrer of `subject` (an artifact manifest with the empty config). */
export function referrerManifest(layer: LayerDescriptor, kind: AttachmentKind, subject: { mediaType: string; digest: string; size: number }): Buffer {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_TYPE,
    artifactType: kind === 'signature' ? SIGNATURE_ARTIFACT_TYPE : ATTESTATION_ARTIFACT_TYPE,
    config: { mediaType: OCI_EMPTY_TYPE, size: OCI_EMPTY.length, digest: sha256(OCI_EMPTY) },
    layers: [descriptorJson(layer)],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  }));
}

function descriptorJson(layer: LayerDescriptor): Record<string, unknown> {
  return { mediaType: layer.mediaType, size: layer.size, digest: layer.digest, annotations: layer.annotations };
}
