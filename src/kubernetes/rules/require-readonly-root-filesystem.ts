import { defineRule } from '../../core/index.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const requireReadonlyRootFilesystem = defineRule({
  meta: {
    id: 'K8S-0008',
    slug: 'require-readonly-root-filesystem',
    title: 'Container root filesystem is writable',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A writable root filesystem lets an attacker who gets into the container drop tools and binaries, modify the application, or persist changes for as long as the container lives.',
    remediation: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume where the application must write.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    aliases: [
      { tool: 'kube-linter', id: 'no-read-only-root-fs', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_22', relation: 'same' },
      { tool: 'trivy', id: 'KSV014', relation: 'same' },
      { tool: 'kubesec', id: 'ReadOnlyRootFilesystem', relation: 'same' },
    ],
    compliance: ['cis-docker-1.6:5.13', 'cis-k8s-1.9:5.7.3', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/immutable-filesystems'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '(variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).all(c, c.?securityContext.?readOnlyRootFilesystem.orValue(false) == true)',
      message:
        '"Container(s) " + (variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).filter(c, c.?securityContext.?readOnlyRootFilesystem.orValue(false) != true).map(c, c.?name.orValue("")).join(", ") + " must set securityContext.readOnlyRootFilesystem=true."',
    },
    messages: {
      disabled: 'Container "{container}" sets securityContext.readOnlyRootFilesystem to false.',
      notSet: 'Container "{container}" does not set securityContext.readOnlyRootFilesystem to true.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod, ['containers', 'initContainers'])) {
      const value = objectAt(container, 'securityContext')?.['readOnlyRootFilesystem'];
      if (value === true) continue;
      const messageId = value === false ? 'disabled' : 'notSet';
      context.report({ messageId, at: { pointer: `${pointer}/securityContext/readOnlyRootFilesystem` }, data: { container: name } });
    }
  },
});
