import type { RegistryClient } from '../../image/source/registry/index.ts';
import { envelopePayload, parseEnvelope } from '../dsse/index.ts';
import { parseStatement, predicateTime } from '../intoto/index.ts';
import type { AttestationInput, CosignSignatureInput, ImageVerification, VerifyImageInput } from '../verify/index.ts';
import { DEFAULT_CACHE_TTL_MS, type VerificationCache } from './cache.ts';
import { repositoryName, resolveImage } from './image.ts';
import { KEY_ID_ANNOTATION, SIGNATURE_ANNOTATION } from './layout.ts';
import { fetchAttachments, type FetchedAttachment } from './read.ts';

const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';

/** What the judge of src/signing/verify needs besides the requirements it already holds. */
export type JudgeInput = Omit<VerifyImageInput, 'requirements' | 'knownKeys'>;

/** How one image is judged: by `--key`/`--attestation` flags or by the policies matching it (src/signing/oci/verifiers.ts). */
export interface Verifier {
  readonly needsSignatures: boolean;
  readonly needsAttestations: boolean;
  /** Attestation types with a maximum age: a cached pass ends when the newest of each grows too old. */
  readonly maxAges: readonly { readonly predicateType: string; readonly maxAgeSeconds: number }[];
  /** The identity of what is required, for the cache (src/signing/oci/cache.ts requirementKey). */
  readonly cacheKey: string;
  judge(input: JudgeInput): ImageVerification;
}

export interface VerifyRegistryImageOptions {
  readonly now: Date;
  readonly cache?: VerificationCache;
  /** How long a pass is cached (default one hour); never past the first required attestation's expiry. */
  readonly cacheTtlMs?: number;
}

export interface RegistryImageVerification {
  readonly digest: string;
  /** `registry/repository@sha256:…`. */
  readonly digestReference: string;
  readonly verification: ImageVerification;
  /** True when the verdict came from the cache: only a tag's manifest was fetched, nothing for a digest. */
  readonly cached: boolean;
}

/**
 * Verifies one image in a registry: resolves the reference to a digest, then (unless a pass for that
 * digest and requirement is cached) reads its cosign signatures and attestations — under the
 * `.sig`/`.att` tags and from OCI 1.1 referrers — and judges them with src/signing/verify.
 */
export async function verifyRegistryImage(client: RegistryClient, reference: string, verifier: Verifier, options: VerifyRegistryImageOptions): Promise<RegistryImageVerification> {
  const now = options.now.getTime();
  const pinned = client.target.digest;
  const early = pinned === undefined ? undefined : options.cache?.get(pinned, verifier.cacheKey, now);
  if (pinned !== undefined && early !== undefined) return { digest: pinned, digestReference: `${repositoryName(client)}@${pinned}`, verification: { ...early, reference }, cached: true };
  const image = await resolveImage(client);
  const hit = options.cache?.get(image.digest, verifier.cacheKey, now);
  if (hit !== undefined) return { digest: image.digest, digestReference: image.digestReference, verification: { ...hit, reference }, cached: true };
  const signatures = verifier.needsSignatures ? await fetchAttachments(client, image.digest, 'signature') : [];
  const attestations = verifier.needsAttestations ? await fetchAttachments(client, image.digest, 'attestation') : [];
  const verification = verifier.judge({
    reference,
    digest: image.digest,
    signatures: signatures.map(toSignatureInput),
    attestations: attestations.map(toAttestationInput),
    now: options.now,
  });
  if (verification.ok && options.cache !== undefined) {
    const expiry = attestationExpiry(verification, attestations, verifier.maxAges);
    options.cache.put(verification, verifier.cacheKey, now, Math.min(now + (options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS), expiry ?? Number.MAX_SAFE_INTEGER));
  }
  return { digest: image.digest, digestReference: image.digestReference, verification, cached: false };
}

/** A layer whose blob could not be read still counts (as a signature over nothing), so it is reported. */
function toSignatureInput(attachment: FetchedAttachment): CosignSignatureInput {
  const { annotations } = attachment.layer;
  const certificate = annotations[CERTIFICATE_ANNOTATION];
  const bundle = annotations[BUNDLE_ANNOTATION];
  const keyHint = annotations[KEY_ID_ANNOTATION];
  return {
    payload: attachment.bytes ?? Buffer.alloc(0),
    signature: annotations[SIGNATURE_ANNOTATION] ?? '',
    source: attachment.problem === undefined ? attachment.source : `${attachment.source} (${attachment.problem})`,
    ...(certificate === undefined ? {} : { certificate }),
    ...(bundle === undefined ? {} : { bundle }),
    ...(keyHint === undefined ? {} : { keyHint }),
  };
}

function toAttestationInput(attachment: FetchedAttachment): AttestationInput {
  const source = attachment.problem === undefined ? attachment.source : `${attachment.source} (${attachment.problem})`;
  return { envelope: attachment.bytes?.toString('utf8') ?? '', source };
}

/**
 * When the pass stops holding: for each attestation with a maximum age, the newest verified statement
 * of its type plus that age; the earliest of those. Undefined when no maximum age applies.
 */
function attestationExpiry(verification: ImageVerification, attachments: readonly FetchedAttachment[], maxAges: Verifier['maxAges']): number | undefined {
  const expiries: number[] = [];
  for (const requirement of maxAges) {
    const maxAge = requirement.maxAgeSeconds;
    const times = verification.items
      .filter((item) => item.kind === 'attestation' && item.ok && item.predicateType === requirement.predicateType)
      .flatMap((item) => timeOf(attachments.find((attachment) => attachment.source === item.source), requirement.predicateType));
    expiries.push(times.length === 0 ? 0 : Math.max(...times) + maxAge * 1000);
  }
  return expiries.length === 0 ? undefined : Math.min(...expiries);
}

function timeOf(attachment: FetchedAttachment | undefined, predicateType: string): number[] {
  if (attachment?.bytes === undefined) return [];
  try {
    const statement = parseStatement(envelopePayload(parseEnvelope(attachment.bytes.toString('utf8'))));
    const time = predicateTime(predicateType, statement.predicate);
    return time === undefined ? [] : [time.getTime()];
  } catch {
    return [];
  }
}
