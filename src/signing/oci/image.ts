import type { KeyObject } from 'node:crypto';
import { PalisadeError } from '../../core/index.ts';
import type { RegistryClient } from '../../image/source/registry/index.ts';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../dsse/index.ts';
import { buildStatement, serializeStatement } from '../intoto/index.ts';
import { keyFingerprint, signData } from '../keys/index.ts';
import { attach, type AttachResult, type Subject } from './attach.ts';
import { DSSE_MEDIA_TYPE, KEY_ID_ANNOTATION, PREDICATE_TYPE_ANNOTATION, SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE } from './layout.ts';
import { buildSimpleSigningPayload } from './simple-signing.ts';

/** The image a reference names, by digest: tags are resolved once, here, and never signed. */
export interface ResolvedImage extends Subject {
  /** `registry/repository` as cosign writes it in `docker-reference` (Docker Hub is `index.docker.io`). */
  readonly repository: string;
  /** `registry/repository@sha256:…`. */
  readonly digestReference: string;
}

/** Resolves the client's reference (tag or digest) to the manifest digest, media type and size. */
export async function resolveImage(client: RegistryClient): Promise<ResolvedImage> {
  const target = client.target;
  const manifest = await client.requireManifest(target.digest ?? target.tag ?? 'latest');
  const repository = repositoryName(client);
  return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.bytes.length, repository, digestReference: `${repository}@${manifest.digest}` };
}

/** `registry/repository` as cosign names it (`index.docker.io` for Docker Hub). */
export function repositoryName(client: RegistryClient): string {
  const target = client.target;
  return `${target.registry === 'docker.io' ? 'index.docker.io' : target.registry}/${target.repository}`;
}

/**
 * Signs an image as `cosign sign --key` does: a simple-signing payload naming the repository and the
 * manifest digest, signed with the key (ECDSA: ASN.1 DER over SHA-256), stored base64 in the layer's
 * `dev.cosignproject.cosign/signature` annotation under `sha256-<hex>.sig`.
 */
export async function signImage(client: RegistryClient, image: ResolvedImage, key: KeyObject, annotations?: Readonly<Record<string, string>>): Promise<AttachResult> {
  const payload = buildSimpleSigningPayload(image.repository, image.digest, annotations);
  const signature = signData(key, payload).toString('base64');
  return attach(client, image, { kind: 'signature', bytes: payload, mediaType: SIMPLE_SIGNING_MEDIA_TYPE, annotations: { [SIGNATURE_ANNOTATION]: signature, [KEY_ID_ANNOTATION]: keyFingerprint(key) } });
}

/**
 * Attests as `cosign attest --key` does: an in-toto statement about the image digest carrying the
 * predicate, in a DSSE envelope signed with the key, stored as a layer of `sha256-<hex>.att` with the
 * `predicateType` annotation (and an empty signature annotation: the envelope holds the signature).
 */
export async function attestImage(client: RegistryClient, image: ResolvedImage, key: KeyObject, predicateType: string, predicate: unknown): Promise<AttachResult> {
  if (predicate === undefined) throw new PalisadeError('USAGE', 'The predicate is empty.');
  const statement = buildStatement({ name: image.repository, digest: image.digest }, predicateType, predicate);
  const envelope = signEnvelope(key, IN_TOTO_PAYLOAD_TYPE, serializeStatement(statement));
  const bytes = Buffer.from(JSON.stringify(envelope));
  return attach(client, image, {
    kind: 'attestation',
    bytes,
    mediaType: DSSE_MEDIA_TYPE,
    annotations: { [SIGNATURE_ANNOTATION]: '', [PREDICATE_TYPE_ANNOTATION]: predicateType },
  });
}
