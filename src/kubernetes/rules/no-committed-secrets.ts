import { defineRule } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

/** SOPS writes its values as `ENC[AES256_GCM,data:…]`. */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:/;

export const noCommittedSecrets = defineRule({
  meta: {
    id: 'K8S-0029',
    slug: 'no-committed-secrets',
    title: 'Secret object with its values committed in a manifest',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A plain `Secret` manifest carries its values base64-encoded, which is an encoding, not encryption: anyone who can read the repository, its forks, CI logs or backups can read the credentials, and they stay in the history after they are removed.',
    remediation: 'Commit the Secret encrypted (a SealedSecret, or a SOPS-encrypted file) or as an ExternalSecret that fetches it from a secret store, and rotate the values that were committed.',
    references: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://github.com/bitnami-labs/sealed-secrets',
      'https://github.com/getsops/sops',
      'https://external-secrets.io/latest/',
    ],
    aliases: [],
    compliance: ['nist-800-190:4.1.4', 'pci-dss-4.0:8.6.2', 'pci-dss-4.0:3.5.1', 'nsa-cisa-k8s-1.2:network/secrets'],
    packs: ['hardening'],
    messages: {
      plainSecret: 'Secret "{name}" has its {field} in the manifest, readable by anyone with the repository.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if (ref.kind !== 'Secret' || apiGroupOf(ref.apiVersion) !== '' || isSopsEncrypted(object)) return;
    for (const field of ['data', 'stringData']) {
      const values = objectAt(object, field);
      if (values === undefined || !Object.values(values).some(isPlainValue)) continue;
      // The evidence would otherwise be the first value of the field: never repeat a secret.
      const data = { name: ref.name ?? '(unnamed)', field };
      context.report({ messageId: 'plainSecret', at: { pointer: `/${field}` }, data, evidence: `${field}: (${Object.keys(values).length} value(s) redacted)` });
      return;
    }
  },
});

/** A file encrypted by SOPS keeps a top-level `sops` section and `ENC[…]` values. */
function isSopsEncrypted(object: JsonObject): boolean {
  return objectAt(object, 'sops') !== undefined;
}

function isPlainValue(value: JsonObject[string]): boolean {
  if (typeof value !== 'string') return value !== null && value !== undefined;
  return value.trim() !== '' && !SOPS_VALUE.test(value);
}
