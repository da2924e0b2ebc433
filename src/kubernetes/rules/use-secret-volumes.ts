import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, objectAt, objectPath, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const useSecretVolumes = defineRule({
  meta: {
    id: 'K8S-0028',
    slug: 'use-secret-volumes',
    title: 'Secret is passed to a container as environment variables',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Secrets exposed through `env[].valueFrom.secretKeyRef` or `envFrom[].secretRef` become environment variables: child processes inherit them, crash reports and debug endpoints print them, and they do not change when the Secret is rotated. Mounted as files they stay readable only by the process that opens them and update in place.',
    remediation: 'Mount the Secret as a volume (or a projected volume) and have the application read the file; keep environment variables for non-secret configuration.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod', 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    aliases: [
      { tool: 'kube-linter', id: 'read-secret-from-env-var', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_35', relation: 'same' },
    ],
    compliance: ['cis-k8s-1.9:5.4.1', 'nsa-cisa-k8s-1.2:network/secrets'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.containers.all(c, c.?env.orValue([]).all(e, e.?valueFrom.?secretKeyRef.orValue(null) == null) && c.?envFrom.orValue([]).all(e, e.?secretRef.orValue(null) == null))',
      message:
        '"Container(s) " + variables.containers.filter(c, !(c.?env.orValue([]).all(e, e.?valueFrom.?secretKeyRef.orValue(null) == null) && c.?envFrom.orValue([]).all(e, e.?secretRef.orValue(null) == null))).map(c, c.?name.orValue("")).join(", ") + " read Secrets through environment variables; mount them as files instead."',
    },
    messages: {
      secretKeyRef: 'Container "{container}" reads key "{key}" of Secret "{secret}" into environment variable "{variable}".',
      secretRef: 'Container "{container}" loads every key of Secret "{secret}" into environment variables.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      arrayAt(container, 'env').forEach((entry, index) => {
        const ref = isJsonObject(entry) ? objectPath(entry, ['valueFrom', 'secretKeyRef']) : undefined;
        if (ref === undefined || !isJsonObject(entry)) return;
        const data = { container: name, key: stringAt(ref, 'key') ?? '', secret: stringAt(ref, 'name') ?? '', variable: stringAt(entry, 'name') ?? '' };
        context.report({ messageId: 'secretKeyRef', at: { pointer: `${pointer}/env/${index}/valueFrom/secretKeyRef` }, data });
      });
      arrayAt(container, 'envFrom').forEach((entry, index) => {
        const ref = isJsonObject(entry) ? objectAt(entry, 'secretRef') : undefined;
        if (ref === undefined) return;
        context.report({ messageId: 'secretRef', at: { pointer: `${pointer}/envFrom/${index}/secretRef` }, data: { container: name, secret: stringAt(ref, 'name') ?? '' } });
      });
    }
  },
});
