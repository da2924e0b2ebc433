import { defineRule } from '../../core/index.ts';
import { stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

export const noDefaultServiceAccount = defineRule({
  meta: {
    id: 'K8S-0012',
    slug: 'no-default-service-account',
    title: 'Pod uses the default service account with its token mounted',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A pod that names no service account runs as its namespace\'s `default` account, and unless `automountServiceAccountToken` is false its token is mounted: every such pod shares one identity, and any permission granted to it is granted to all of them.',
    remediation:
      'Set `serviceAccountName` to a service account dedicated to the workload, or set `automountServiceAccountToken: false` when the pod does not call the Kubernetes API.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
      'https://kubernetes.io/docs/concepts/security/service-accounts/',
    ],
    aliases: [
      { tool: 'kube-linter', id: 'default-service-account', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_38', relation: 'similar' },
      { tool: 'trivy', id: 'KSV036', relation: 'similar' },
      { tool: 'kubesec', id: 'ServiceAccountName', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.1.5', 'cis-k8s-1.9:5.1.6', 'nsa-cisa-k8s-1.2:pod-security/service-account-tokens'],
    packs: ['rbac'],
    cel: {
      kinds: 'pods',
      expression:
        '!variables.hasPodSpec || variables.podSpec.?automountServiceAccountToken.orValue(null) == false || !(variables.podSpec.?serviceAccountName.orValue(variables.podSpec.?serviceAccount.orValue("")) in ["default", ""])',
      message:
        '"The pod must run under a dedicated service account (serviceAccountName), not the default one."',
    },
    messages: {
      defaultAccount: 'The pod runs as the "default" service account and its API token is mounted.',
      noAccount: 'The pod names no service account, so it runs as "default" with its API token mounted.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined || pod.spec['automountServiceAccountToken'] === false) return;
    // `serviceAccount` is the deprecated spelling of `serviceAccountName`, still honoured by the API server.
    const named = stringAt(pod.spec, 'serviceAccountName');
    const legacy = stringAt(pod.spec, 'serviceAccount');
    const field = named === undefined && legacy !== undefined ? 'serviceAccount' : 'serviceAccountName';
    const account = named ?? legacy ?? '';
    if (account !== '' && account !== 'default') return;
    const messageId = account === 'default' ? 'defaultAccount' : 'noAccount';
    context.report({ messageId, at: { pointer: `${pod.pointer}/${field}` } });
  },
});
