import { createHash } from 'node:crypto';
import { matchingPolicies, verifyImage, verifyWithPolicy, type ImageRequirements, type NamedKey, type VerifyPolicy } from '../verify/index.ts';
import { requirementKey } from './cache.ts';
import type { Verifier } from './verify-image.ts';

/** Judges by requirements given directly (`--key`, `--attestation`, `--max-age`). */
export function requirementsVerifier(requirements: ImageRequirements, knownKeys: readonly NamedKey[] = []): Verifier {
  return {
    needsSignatures: requirements.signatureKeys.length > 0,
    needsAttestations: requirements.attestations.length > 0,
    maxAges: maxAgesOf([requirements]),
    cacheKey: requirementKey(requirements, 'flags'),
    judge: (input) => verifyImage({ ...input, requirements, knownKeys }),
  };
}

/**
 * Judges by the policies of a verification policy file whose globs match `reference` (all must pass).
 * The cache key covers the matched requirements and the policy file's bytes.
 */
export function policyVerifier(policy: VerifyPolicy, policyText: string, reference: string): Verifier {
  const matched = matchingPolicies(policy, reference).map((image) => image.requirements);
  const digest = createHash('sha256').update(policyText).digest('hex');
  return {
    needsSignatures: matched.some((requirements) => requirements.signatureKeys.length > 0),
    needsAttestations: matched.some((requirements) => requirements.attestations.length > 0),
    maxAges: maxAgesOf(matched),
    cacheKey: createHash('sha256').update([digest, ...matched.map((requirements) => requirementKey(requirements, 'policy'))].join('\n')).digest('hex'),
    judge: (input) => verifyWithPolicy(policy, input),
  };
}

function maxAgesOf(all: readonly ImageRequirements[]): Verifier['maxAges'] {
  return all.flatMap((requirements) => requirements.attestations.flatMap((attestation) => (attestation.maxAgeSeconds === undefined ? [] : [{ predicateType: attestation.predicateType, maxAgeSeconds: attestation.maxAgeSeconds }])));
}
