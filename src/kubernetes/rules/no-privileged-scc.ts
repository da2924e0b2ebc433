import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

export const noPrivilegedScc = defineRule({
  meta: {
    id: 'K8S-0036',
    slug: 'no-privileged-scc',
    title: 'OpenShift SecurityContextConstraints allow privileged containers',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'On OpenShift, SecurityContextConstraints decide what pods may request. One with `allowPrivilegedContainer: true` lets every user and service account it applies to run privileged containers, which have full access to the node.',
    remediation: 'Set `allowPrivilegedContainer: false` and grant the specific capabilities the workload needs through `allowedCapabilities`, or use a built-in SCC such as `restricted-v2`.',
    references: ['https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html'],
    aliases: [{ tool: 'kube-linter', id: 'scc-deny-privileged-container', relation: 'same' }],
    compliance: ['cis-k8s-1.9:5.2.2', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
    packs: ['hardening'],
    cel: {
      kinds: [{ apiGroup: 'security.openshift.io', kind: 'SecurityContextConstraints' }],
      expression:
        'object.?allowPrivilegedContainer.orValue(false) != true',
      message:
        '"SecurityContextConstraints " + object.?metadata.?name.orValue("") + " must not allow privileged containers."',
    },
    messages: {
      privilegedScc: 'SecurityContextConstraints "{name}" allow privileged containers.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if (ref.kind !== 'SecurityContextConstraints' || apiGroupOf(ref.apiVersion) !== 'security.openshift.io') return;
    if (object['allowPrivilegedContainer'] !== true) return;
    context.report({ messageId: 'privilegedScc', at: { pointer: '/allowPrivilegedContainer' }, data: { name: ref.name ?? '(unnamed)' } });
  },
});
