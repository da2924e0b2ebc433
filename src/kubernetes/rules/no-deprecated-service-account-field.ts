import { defineRule } from '../../core/index.ts';
import { stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

export const noDeprecatedServiceAccountField = defineRule({
  meta: {
    id: 'K8S-0039',
    slug: 'no-deprecated-service-account-field',
    title: 'Pod uses the deprecated serviceAccount field',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      '`spec.serviceAccount` is the deprecated alias of `serviceAccountName`. Reviewers and tools that read only `serviceAccountName` miss the identity the pod runs as, and when both are set with different values the result depends on the API server version.',
    remediation: 'Replace `serviceAccount` with `serviceAccountName`.',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security'],
    aliases: [{ tool: 'kube-linter', id: 'deprecated-service-account-field', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['rbac'],
    cel: {
      kinds: 'pods',
      expression:
        'type(variables.podSpec.?serviceAccount.orValue(null)) != string || variables.podSpec.?serviceAccountName.orValue(null) == variables.podSpec.serviceAccount',
      message:
        '"The pod must use serviceAccountName instead of the deprecated serviceAccount field."',
    },
    messages: {
      deprecated: 'The pod names its service account "{account}" with the deprecated serviceAccount field.',
      conflicting: 'The pod names service account "{account}" in the deprecated serviceAccount field but "{named}" in serviceAccountName.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    const account = pod === undefined ? undefined : stringAt(pod.spec, 'serviceAccount');
    if (pod === undefined || account === undefined) return;
    const named = stringAt(pod.spec, 'serviceAccountName');
    const at = { pointer: `${pod.pointer}/serviceAccount` };
    if (named === undefined) context.report({ messageId: 'deprecated', at, data: { account } });
    else if (named !== account) context.report({ messageId: 'conflicting', at, data: { account, named } });
  },
});
