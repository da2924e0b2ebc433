import type { KeyObject } from 'node:crypto';
import type { CompiledCel } from '../../policy/cel/index.ts';
import type { DsseEnvelope } from '../dsse/index.ts';

/** A trusted public key with the name the policy (or `--key`) gives it. */
export interface NamedKey {
  readonly name: string;
  readonly key: KeyObject;
}

/** One cosign signature as stored beside an image: the simple-signing payload and its signature. */
export interface CosignSignatureInput {
  /** The payload bytes (the layer blob). */
  readonly payload: Uint8Array;
  /** Base64 signature (annotation `dev.cosignproject.cosign/signature`). */
  readonly signature: string;
  /** PEM certificate (annotation `dev.sigstore.cosign/certificate`), used only as a hint here. */
  readonly certificate?: string;
  /** Rekor bundle JSON (annotation `dev.sigstore.cosign/bundle`), used only as a hint here (not verified offline). */
  readonly bundle?: string;
  /** Unauthenticated key id hint (`keyFingerprint` form), e.g. from a layer annotation. */
  readonly keyHint?: string;
  /** Where it came from, for messages (`sha256-….sig layer 1`, a referrer digest…). */
  readonly source: string;
}

/** One attestation: the DSSE envelope, parsed or as raw JSON text. */
export interface AttestationInput {
  readonly envelope: DsseEnvelope | string;
  readonly source: string;
}

export interface ConditionSpec {
  readonly expression: string;
  /** Said when the condition is false (default: the expression). */
  readonly message?: string;
  readonly program: CompiledCel;
}

export interface AttestationRequirement {
  /** Predicate type URI (short names already resolved). */
  readonly predicateType: string;
  /** Shown in messages: the short name or URI as written. */
  readonly name: string;
  /** Keys any one of which must have signed the envelope. */
  readonly keys: readonly NamedKey[];
  readonly maxAgeSeconds?: number;
  readonly conditions: readonly ConditionSpec[];
}

export interface ImageRequirements {
  /** Keys that must each have signed the image digest (at least `signatureCount` of them). */
  readonly signatureKeys: readonly NamedKey[];
  readonly signatureCount: number;
  readonly attestations: readonly AttestationRequirement[];
  /** Names of the policies that applied, for messages. */
  readonly policies: readonly string[];
}

export interface VerifyImageInput {
  /** The reference as given (normalised for display). */
  readonly reference: string;
  /** The manifest digest the reference resolved to: `sha256:<hex>`. */
  readonly digest: string;
  readonly signatures: readonly CosignSignatureInput[];
  readonly attestations: readonly AttestationInput[];
  readonly requirements: ImageRequirements;
  /** Every key known to the caller (all policies), to name "signed by another key" precisely. */
  readonly knownKeys?: readonly NamedKey[];
  readonly now: Date;
}

/** Why a check passed or failed; each failure has its own reason and message. */
export type VerifyReason =
  | 'verified'
  | 'no-signatures'
  | 'no-attestations'
  | 'malformed'
  | 'signed-by-another-key'
  | 'tampered-payload'
  | 'signature-mismatch'
  | 'digest-mismatch'
  | 'subject-mismatch'
  | 'wrong-payload-type'
  | 'attestation-missing'
  | 'attestation-expired'
  | 'attestation-undated'
  | 'condition-failed'
  | 'condition-error'
  | 'no-policy';

/** One signature or envelope, judged on its own. */
export interface ItemResult {
  readonly kind: 'signature' | 'attestation';
  readonly source: string;
  readonly ok: boolean;
  readonly reason: VerifyReason;
  readonly message: string;
  /** The key that verified it. */
  readonly keyName?: string;
  readonly predicateType?: string;
}

/** One requirement (a key's signature, an attestation type) or a rejection, judged over all items. */
export interface CheckResult {
  readonly kind: 'signature' | 'attestation' | 'policy';
  readonly name: string;
  readonly ok: boolean;
  readonly reason: VerifyReason;
  readonly message: string;
}

export interface ImageVerification {
  readonly reference: string;
  readonly digest: string;
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
  readonly items: readonly ItemResult[];
}
