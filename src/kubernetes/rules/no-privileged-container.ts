import { defineRule } from '../../core/index.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const noPrivilegedContainer = defineRule({
  meta: {
    id: 'K8S-0001',
    slug: 'no-privileged-container',
    title: 'Container runs in privileged mode',
    severity: 'critical',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A privileged container gets every Linux capability and the host\'s devices, and most isolation between it and the node is switched off: a compromise of the container is a compromise of the node.',
    remediation: 'Remove `privileged: true` from the container\'s securityContext and grant only the specific capabilities it needs.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    aliases: [
      { tool: 'pss', id: 'privileged', relation: 'same' },
      { tool: 'kube-linter', id: 'privileged-container', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_16', relation: 'same' },
      { tool: 'trivy', id: 'KSV017', relation: 'same' },
      { tool: 'kubesec', id: 'Privileged', relation: 'same' },
    ],
    compliance: ['cis-k8s-1.9:5.2.2', 'nist-800-190:4.4.3'],
    packs: ['pss-baseline', 'pss-restricted'],
    messages: {
      privileged: 'Container "{container}" sets securityContext.privileged to true.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      const securityContext = objectAt(container, 'securityContext');
      if (securityContext?.['privileged'] !== true) continue;
      context.report({ messageId: 'privileged', at: { pointer: `${pointer}/securityContext/privileged` }, data: { container: name } });
    }
  },
});
