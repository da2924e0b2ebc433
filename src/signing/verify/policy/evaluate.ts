import { verifyImage } from '../verify-image.ts';
import type { CheckResult, ImageVerification, VerifyImageInput } from '../types.ts';
import { normalizeRepository } from './glob.ts';
import type { ImagePolicy, VerifyPolicy } from './load.ts';

/** The image policies whose globs match the reference's normalised repository. */
export function matchingPolicies(policy: VerifyPolicy, reference: string): ImagePolicy[] {
  const repository = normalizeRepository(reference);
  if (repository === undefined) return [];
  return policy.images.filter((image) => image.globs.some((glob) => glob.matches(repository)));
}

/**
 * Verifies an image against every matching policy (all must pass, as with several ClusterImagePolicies).
 * No match: a failure, unless the policy says `noMatch: allow`.
 */
export function verifyWithPolicy(policy: VerifyPolicy, input: Omit<VerifyImageInput, 'requirements' | 'knownKeys'>): ImageVerification {
  const matched = matchingPolicies(policy, input.reference);
  if (matched.length === 0) {
    const allowed = policy.noMatch === 'allow';
    const message = allowed ? `no policy in ${policy.path} matches ${input.reference}; allowed (noMatch: allow)` : `no policy in ${policy.path} matches ${input.reference}; denied (set noMatch: allow to let unmatched images through)`;
    const check: CheckResult = { kind: 'policy', name: 'policy', ok: allowed, reason: 'no-policy', message };
    return { reference: input.reference, digest: input.digest, ok: allowed, checks: [check], items: [] };
  }
  const results = matched.map((image) => ({ image, result: verifyImage({ ...input, requirements: image.requirements, knownKeys: policy.keys }) }));
  const checks = results.flatMap(({ image, result }) => result.checks.map((check) => (matched.length > 1 ? { ...check, name: `[${image.name}] ${check.name}` } : check)));
  const seen = new Set<string>();
  const items = results.flatMap(({ result }) => result.items).filter((item) => {
    const key = `${item.source}\u0000${item.reason}\u0000${item.keyName ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { reference: input.reference, digest: input.digest, ok: results.every(({ result }) => result.ok), checks, items };
}
