import { defineRule } from '../../core/index.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const requireRunAsNonRoot = defineRule({
  meta: {
    id: 'K8S-0004',
    slug: 'require-run-as-non-root',
    title: 'Container may run as root',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Without `runAsNonRoot: true` on the pod or the container, the kubelet starts the container as whatever user its image names, often root, and a root process is one kernel bug away from the node.',
    remediation:
      'Set `securityContext.runAsNonRoot: true` on the pod (or on each container), and give the image a numeric non-root `USER` or set `runAsUser`.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    aliases: [
      { tool: 'pss', id: 'runAsNonRoot', relation: 'same' },
      { tool: 'kube-linter', id: 'run-as-non-root', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_23', relation: 'similar' },
      { tool: 'trivy', id: 'KSV012', relation: 'similar' },
      { tool: 'kubesec', id: 'RunAsNonRoot', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.2.7', 'nist-800-190:4.4.3'],
    packs: ['pss-restricted'],
    messages: {
      podDisabled: 'The pod sets securityContext.runAsNonRoot to false.',
      containerDisabled: 'Container "{container}" sets securityContext.runAsNonRoot to false.',
      notSet: 'Container "{container}" may run as root: neither it nor the pod sets securityContext.runAsNonRoot to true.',
    },
  },
  /** Pod Security Standards `runAsNonRoot`: the container's value wins; unset containers inherit the pod's. */
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    const podValue = objectAt(pod.spec, 'securityContext')?.['runAsNonRoot'];
    if (podValue === false) context.report({ messageId: 'podDisabled', at: { pointer: `${pod.pointer}/securityContext/runAsNonRoot` } });
    for (const { container, pointer, name } of containersOf(pod)) {
      const value = objectAt(container, 'securityContext')?.['runAsNonRoot'];
      const at = { pointer: `${pointer}/securityContext/runAsNonRoot` };
      if (value === false) context.report({ messageId: 'containerDisabled', at, data: { container: name } });
      else if (value !== true && podValue !== true) context.report({ messageId: 'notSet', at, data: { container: name } });
    }
  },
});
