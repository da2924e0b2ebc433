import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersWithoutProbe } from '../probes.ts';

export const requireReadinessProbe = defineRule({
  meta: {
    id: 'K8S-0025',
    slug: 'require-readiness-probe',
    title: 'Container has no readiness probe',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Without a readiness probe a pod receives Service traffic as soon as its containers start, before the application can answer, and keeps receiving it while it is overloaded or shutting down; rolling updates then drop requests.',
    remediation: 'Add a `readinessProbe` to the container that succeeds only when the application can serve requests.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/', 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/'],
    aliases: [
      { tool: 'kube-linter', id: 'no-readiness-probe', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_9', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '!(object.kind in ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"]) || variables.podSpec.?restartPolicy.orValue("Always") != "Always" || variables.podSpec.?containers.orValue([]).all(c, c.?readinessProbe.orValue(null) != null)',
      message:
        '"Every container of a long-running pod must define a readinessProbe."',
    },
    messages: {
      noProbe: 'Container "{container}" has no readiness probe; it receives traffic before it can serve it.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    for (const { container, pointer } of containersWithoutProbe(artifact.object, 'readinessProbe')) {
      context.report({ messageId: 'noProbe', at: { pointer }, data: { container: container.name } });
    }
  },
});
