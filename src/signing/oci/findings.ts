import type { Finding } from '../../core/index.ts';
import { fingerprint } from '../../core/index.ts';
import type { CheckResult, ImageVerification } from '../verify/index.ts';

/** The pseudo-rules verification findings carry (kind `signature`; not catalogue rules, like policy findings). */
const RULES = {
  signature: {
    ruleId: 'image-signature',
    title: 'Image signature not verified',
    remediation: 'Sign the image digest with a trusted key (`palisade sign IMAGE --key KEY`), or verify with the key that signed it.',
  },
  attestation: {
    ruleId: 'image-attestation',
    title: 'Image attestation not verified',
    remediation: 'Attest the image digest with a trusted key (`palisade attest IMAGE --key KEY --predicate FILE --type TYPE`), and renew attestations before they grow older than the maximum age.',
  },
  policy: {
    ruleId: 'image-verification-policy',
    title: 'Image not covered by the verification policy',
    remediation: 'Add a policy whose glob matches the image, or set `noMatch: allow` for images nothing is required of.',
  },
  unavailable: {
    ruleId: 'image-signature',
    title: 'Image could not be verified',
    remediation: 'Check the reference, the registry credentials and the network; an image that cannot be read cannot be trusted.',
  },
} as const;

/** The failing checks of one verification as findings at the image digest (critical: the gate fails). */
export function verificationFindings(verification: ImageVerification, location: string): Finding[] {
  return verification.checks.filter((check) => !check.ok).map((check) => checkFinding(check, location));
}

function checkFinding(check: CheckResult, location: string): Finding {
  const rule = RULES[check.kind];
  return {
    ruleId: rule.ruleId,
    slug: rule.ruleId,
    messageId: check.reason,
    aliases: [],
    kind: 'signature',
    severity: 'critical',
    title: rule.title,
    message: check.message,
    location: { path: location },
    compliance: ['nist-800-190:4.1.5'],
    fingerprint: fingerprint([rule.ruleId, location, check.name, check.reason]),
    remediation: rule.remediation,
    evidence: check.name,
  };
}

/** An image whose manifest or signatures could not be read (not found, denied, network): a failure, never a pass. */
export function unavailableFinding(reference: string, code: string, message: string): Finding {
  const rule = RULES.unavailable;
  return {
    ruleId: rule.ruleId,
    slug: rule.ruleId,
    messageId: 'unavailable',
    aliases: [],
    kind: 'signature',
    severity: 'critical',
    title: rule.title,
    message: `${code}: ${message}`,
    location: { path: reference },
    compliance: ['nist-800-190:4.1.5'],
    fingerprint: fingerprint([rule.ruleId, reference, 'unavailable', code]),
    remediation: rule.remediation,
  };
}
