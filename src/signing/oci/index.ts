// cosign's storage of signatures and attestations in an OCI registry: writing (sign, attest) and reading.
export type { AttachResult, Attachment, Subject } from './attach.ts';
export { attach } from './attach.ts';
export type { ResolvedImage } from './image.ts';
export { attestImage, repositoryName, resolveImage, signImage } from './image.ts';
export type { AttachmentKind, LayerDescriptor } from './layout.ts';
export {
  ATTESTATION_ARTIFACT_TYPE,
  attachmentTag,
  DSSE_MEDIA_TYPE,
  KEY_ID_ANNOTATION,
  PREDICATE_TYPE_ANNOTATION,
  SIGNATURE_ANNOTATION,
  SIGNATURE_ARTIFACT_TYPE,
  SIMPLE_SIGNING_MEDIA_TYPE,
} from './layout.ts';
export type { FetchedAttachment } from './read.ts';
export { fetchAttachments, MAX_ENVELOPE_BYTES, MAX_PAYLOAD_BYTES } from './read.ts';
export type { SimpleSigningPayload } from './simple-signing.ts';
export { buildSimpleSigningPayload, parseSimpleSigningPayload, SIMPLE_SIGNING_TYPE } from './simple-signing.ts';
export type { VerificationCache } from './cache.ts';
export { decodeVerification, DEFAULT_CACHE_TTL_MS, openVerificationCache, requirementKey } from './cache.ts';
export type { RegistryImageVerification, VerifyRegistryImageOptions } from './verify-image.ts';
export { verifyRegistryImage } from './verify-image.ts';
export type { JudgeInput, Verifier } from './verify-image.ts';
export { policyVerifier, requirementsVerifier } from './verifiers.ts';
export { unavailableFinding, verificationFindings } from './findings.ts';
export type { VerifyReferencesOptions } from './verify-many.ts';
export { verifyReferences } from './verify-many.ts';
