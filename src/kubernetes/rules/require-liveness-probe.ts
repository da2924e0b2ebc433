import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersWithoutProbe } from '../probes.ts';

export const requireLivenessProbe = defineRule({
  meta: {
    id: 'K8S-0024',
    slug: 'require-liveness-probe',
    title: 'Container has no liveness probe',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Without a liveness probe the kubelet restarts a container only when its process exits. A process that hangs, deadlocks or stops serving keeps its pod Running and its traffic until someone notices.',
    remediation: 'Add a `livenessProbe` to the container that checks the application really makes progress (an HTTP health endpoint, a TCP port or a command).',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/', 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/'],
    aliases: [
      { tool: 'kube-linter', id: 'no-liveness-probe', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_8', relation: 'same' },
    ],
    compliance: ['cis-docker-1.6:5.27', 'pci-dss-4.0:2.2.1'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '!(object.kind in ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"]) || variables.podSpec.?restartPolicy.orValue("Always") != "Always" || variables.podSpec.?containers.orValue([]).all(c, c.?livenessProbe.orValue(null) != null)',
      message:
        '"Every container of a long-running pod must define a livenessProbe."',
    },
    messages: {
      noProbe: 'Container "{container}" has no liveness probe; the kubelet cannot restart it when it hangs.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    for (const { container, pointer } of containersWithoutProbe(artifact.object, 'livenessProbe')) {
      context.report({ messageId: 'noProbe', at: { pointer }, data: { container: container.name } });
    }
  },
});
