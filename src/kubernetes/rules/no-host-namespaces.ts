import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

/** The pod fields that share a host namespace, with the message of each. */
const HOST_NAMESPACES = [
  { field: 'hostNetwork', messageId: 'hostNetwork' },
  { field: 'hostPID', messageId: 'hostPid' },
  { field: 'hostIPC', messageId: 'hostIpc' },
] as const;

export const noHostNamespaces = defineRule({
  meta: {
    id: 'K8S-0005',
    slug: 'no-host-namespaces',
    title: 'Pod shares a namespace of the host',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A pod with `hostNetwork`, `hostPID` or `hostIPC` shares that namespace with the node: it can reach services bound to the node\'s loopback, see and signal every process on the node, or read other processes\' shared memory.',
    remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to false) and expose what the pod needs through Services and volumes.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    aliases: [
      { tool: 'pss', id: 'hostNamespaces', relation: 'same' },
      { tool: 'kube-linter', id: 'host-network', relation: 'similar' },
      { tool: 'kube-linter', id: 'host-pid', relation: 'similar' },
      { tool: 'kube-linter', id: 'host-ipc', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_19', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_17', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_18', relation: 'similar' },
      { tool: 'trivy', id: 'KSV009', relation: 'similar' },
      { tool: 'trivy', id: 'KSV010', relation: 'similar' },
      { tool: 'trivy', id: 'KSV008', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.2.3', 'cis-k8s-1.9:5.2.4', 'cis-k8s-1.9:5.2.5', 'nist-800-190:4.4.3'],
    packs: ['pss-baseline', 'pss-restricted'],
    messages: {
      hostNetwork: 'The pod shares the host\'s network namespace (hostNetwork: true).',
      hostPid: 'The pod shares the host\'s process ID namespace (hostPID: true).',
      hostIpc: 'The pod shares the host\'s IPC namespace (hostIPC: true).',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { field, messageId } of HOST_NAMESPACES) {
      if (pod.spec[field] === true) context.report({ messageId, at: { pointer: `${pod.pointer}/${field}` } });
    }
  },
});
