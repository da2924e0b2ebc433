import { checkAttestations } from './attestations.ts';
import { checkSignatures } from './signatures.ts';
import type { CheckResult, ImageVerification, VerifyImageInput } from './types.ts';

/**
 * Verifies one image digest offline: every signature and attestation is judged, then every
 * requirement. The image passes only when every check passes; an image nothing is required of fails.
 */
export function verifyImage(input: VerifyImageInput): ImageVerification {
  const { requirements } = input;
  const base = { reference: input.reference, digest: input.digest };
  if (requirements.signatureKeys.length === 0 && requirements.attestations.length === 0) {
    const check: CheckResult = { kind: 'policy', name: 'policy', ok: false, reason: 'no-policy', message: `nothing is required of ${input.reference}: give --key or a policy that matches it` };
    return { ...base, ok: false, checks: [check], items: [] };
  }
  const signatures = checkSignatures(input);
  const attestations = checkAttestations(input);
  const checks = [...signatures.checks, ...attestations.checks];
  return { ...base, ok: checks.every((check) => check.ok), checks, items: [...signatures.items, ...attestations.items] };
}
