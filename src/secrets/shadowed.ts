import type { Finding } from '../core/index.ts';

/** Pack of the generic (name-keyed, high-entropy) detectors: fallbacks for the provider rules. */
const GENERIC_PACK_PREFIX = 'secrets-generic';

/**
 * Drops a generic secret finding when a provider rule reported the same secret (same file and
 * range): `AWS_SECRET_ACCESS_KEY = "…"` is one AWS finding, not an AWS and a generic one.
 * `genericRuleIds` are the ids of the rules in the generic pack.
 */
export function dropShadowedGenericSecrets(findings: readonly Finding[], genericRuleIds: ReadonlySet<string>): Finding[] {
  const specific = new Set(findings.filter((finding) => finding.kind === 'secret' && !genericRuleIds.has(finding.ruleId)).map(rangeKey));
  return findings.filter((finding) => !(genericRuleIds.has(finding.ruleId) && specific.has(rangeKey(finding))));
}

export function isGenericSecretPack(pack: string): boolean {
  return pack === GENERIC_PACK_PREFIX;
}

function rangeKey(finding: Finding): string {
  const { path, startLine, startColumn, endLine, endColumn } = finding.location;
  return `${path}\u0000${startLine}:${startColumn}-${endLine}:${endColumn}`;
}
