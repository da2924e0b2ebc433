import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { stringAt } from '../json.ts';
import { podSpecOf } from '../workload.ts';

export const noAutomountedToken = defineRule({
  meta: {
    id: 'K8S-0019',
    slug: 'no-automounted-token',
    title: 'Pod does not opt out of the service account token mount',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Unless a pod sets `automountServiceAccountToken: false`, Kubernetes mounts an API token of its service account in every container. Most applications never call the Kubernetes API; for them the token only serves an attacker who gets into the container.',
    remediation: 'Set `automountServiceAccountToken: false` in the pod spec of workloads that do not call the Kubernetes API; mount a projected token only into the container that needs one.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      'https://kubernetes.io/docs/concepts/security/service-accounts/',
    ],
    aliases: [
      { tool: 'kube-linter', id: 'automount-service-account-token', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_38', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.1.6', 'nsa-cisa-k8s-1.2:pod-security/service-account-tokens'],
    packs: ['rbac'],
    cel: {
      kinds: 'pods',
      expression:
        '!variables.hasPodSpec || variables.podSpec.?automountServiceAccountToken.orValue(null) == false || (variables.podSpec.?automountServiceAccountToken.orValue(null) == true && !(variables.podSpec.?serviceAccountName.orValue(variables.podSpec.?serviceAccount.orValue("")) in ["default", ""]))',
      message:
        '"The pod must set automountServiceAccountToken=false (or true only with a dedicated service account)."',
    },
    messages: {
      notDisabled: 'The pod does not set automountServiceAccountToken: false, so every container gets an API token.',
      enabled: 'The pod sets automountServiceAccountToken: true for the default service account, so every container gets its API token.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    const value = pod.spec['automountServiceAccountToken'];
    if (value === false) return;
    // `true` with a dedicated account declares the need (controllers, operators); only the default account is suspect.
    const account = stringAt(pod.spec, 'serviceAccountName') ?? stringAt(pod.spec, 'serviceAccount') ?? 'default';
    if (value === true && account !== 'default' && account !== '') return;
    context.report({ messageId: value === true ? 'enabled' : 'notDisabled', at: { pointer: `${pod.pointer}/automountServiceAccountToken` } });
  },
});
