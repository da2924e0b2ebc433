import { defineRule } from '../../core/index.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const noPrivilegeEscalation = defineRule({
  meta: {
    id: 'K8S-0003',
    slug: 'no-privilege-escalation',
    title: 'Container allows privilege escalation',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Unless `allowPrivilegeEscalation` is false, a process in the container can gain more privileges than its parent, for example through a set-user-ID binary, which turns a foothold in the container into root inside it.',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    aliases: [
      { tool: 'pss', id: 'allowPrivilegeEscalation', relation: 'same' },
      { tool: 'kube-linter', id: 'privilege-escalation-container', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_20', relation: 'same' },
      { tool: 'trivy', id: 'KSV001', relation: 'same' },
      { tool: 'kubesec', id: 'AllowPrivilegeEscalation', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.2.6', 'nist-800-190:4.4.3'],
    packs: ['pss-restricted'],
    messages: {
      allowed: 'Container "{container}" sets securityContext.allowPrivilegeEscalation to true.',
      notDisabled: 'Container "{container}" does not set securityContext.allowPrivilegeEscalation to false.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      const value = objectAt(container, 'securityContext')?.['allowPrivilegeEscalation'];
      if (value === false) continue;
      const messageId = value === true ? 'allowed' : 'notDisabled';
      context.report({ messageId, at: { pointer: `${pointer}/securityContext/allowPrivilegeEscalation` }, data: { container: name } });
    }
  },
});
