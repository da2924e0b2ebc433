import { defineRule, toJsonPointer } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { objectAt } from '../../kubernetes/json.ts';
import { createKeywordPrefilter } from '../analyzer.ts';
import type { SecretDetector, SecretMatch } from '../detector.ts';
import { SECRET_COMPLIANCE, SECRET_REMEDIATION, SECRETS_CHEAT_SHEET, findSecrets, keywordsPresent } from '../detector.ts';
import { providerEntries } from '../providers/index.ts';
import { hashSecret, redactSecret } from '../secret-text.ts';

const prefilter = createKeywordPrefilter(providerEntries.flatMap((entry) => entry.keywords));

/** Base64 as the API server accepts it in `Secret.data`; undefined when the value is not valid base64. */
export function decodeSecretValue(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The first detector that recognises a credential in one decoded value (scanned as `key="value"` so names count). */
export function detectInValue(key: string, value: string, detectors: readonly SecretDetector[] = providerEntries): { detector: SecretDetector; match: SecretMatch } | undefined {
  const text = `${key}="${value}"`;
  const keywords = prefilter.scan(text);
  for (const detector of detectors) {
    if (!keywordsPresent(detector, keywords)) continue;
    const [match] = findSecrets(detector, text, `secret/${key}`);
    if (match !== undefined) return { detector, match };
  }
  return undefined;
}

export const noCredentialInKubernetesSecret = defineRule<KubernetesObjectArtifact, 'credential'>({
  meta: {
    id: 'SEC-0950',
    slug: 'no-credential-in-kubernetes-secret',
    title: 'Kubernetes Secret holds a recognisable credential',
    severity: 'high',
    kind: 'secret',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description: 'A Secret manifest committed to the repository carries a real credential in `data` (base64, which is an encoding, not encryption) or `stringData`. Anyone who can read the repository can decode it.',
    remediation: 'Rotate the credential, remove the value from the manifest and deliver it with an external secret store, Sealed Secrets or SOPS-encrypted files.',
    references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/', SECRETS_CHEAT_SHEET],
    aliases: [{ tool: 'gitleaks', id: 'kubernetes-secret-yaml', relation: 'similar' }],
    compliance: [...SECRET_COMPLIANCE],
    packs: ['secrets'],
    messages: { credential: 'Secret key "{key}" holds a {what} ({redacted}).' },
  },
  check(context, artifact) {
    if (artifact.ref.kind !== 'Secret' || artifact.ref.apiVersion !== 'v1') return;
    for (const field of ['data', 'stringData'] as const) {
      const values = objectAt(artifact.object, field);
      if (values === undefined) continue;
      for (const [key, raw] of Object.entries(values)) {
        if (typeof raw !== 'string') continue;
        const value = field === 'data' ? decodeSecretValue(raw) : raw;
        const found = value === undefined ? undefined : detectInValue(key, value);
        if (found === undefined) continue;
        const redacted = redactSecret(found.match.secret);
        context.report({ messageId: 'credential', at: { pointer: toJsonPointer([field, key]) }, data: { key, what: found.detector.name, redacted }, identity: hashSecret(found.match.secret), evidence: redacted });
      }
    }
  },
});
