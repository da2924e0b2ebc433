import { defineRule } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import { objectPath } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const requireResourceLimits = defineRule({
  meta: {
    id: 'K8S-0007',
    slug: 'require-resource-limits',
    title: 'Container has no CPU or memory limit',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A container without a memory limit can use all of its node\'s memory and get its neighbours killed; one without a CPU limit can starve them. A compromised or buggy container then takes down more than itself.',
    remediation: 'Set `resources.limits.memory` and `resources.limits.cpu` on every container, sized from its observed usage.',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_11', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_13', relation: 'similar' },
      { tool: 'trivy', id: 'KSV011', relation: 'similar' },
      { tool: 'trivy', id: 'KSV018', relation: 'similar' },
      { tool: 'kube-linter', id: 'unset-cpu-requirements', relation: 'similar' },
      { tool: 'kube-linter', id: 'unset-memory-requirements', relation: 'similar' },
      { tool: 'kubesec', id: 'LimitsCPU', relation: 'similar' },
    ],
    compliance: ['cis-docker-1.6:5.11', 'cis-docker-1.6:5.12', 'nsa-cisa-k8s-1.2:network/resource-policies'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '(variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).all(c, c.?resources.?limits.?cpu.orValue("") != "" && c.?resources.?limits.?memory.orValue("") != "")',
      message:
        '"Container(s) " + (variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).filter(c, !(c.?resources.?limits.?cpu.orValue("") != "" && c.?resources.?limits.?memory.orValue("") != "")).map(c, c.?name.orValue("")).join(", ") + " must set CPU and memory limits."',
    },
    messages: {
      noLimits: 'Container "{container}" sets no CPU or memory limit.',
      noCpuLimit: 'Container "{container}" sets no CPU limit.',
      noMemoryLimit: 'Container "{container}" sets no memory limit.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    // Ephemeral containers cannot have resources.
    for (const { container, pointer, name } of containersOf(pod, ['containers', 'initContainers'])) {
      const limits = objectPath(container, ['resources', 'limits']);
      const cpu = hasLimit(limits, 'cpu');
      const memory = hasLimit(limits, 'memory');
      const data = { container: name };
      if (!cpu && !memory) context.report({ messageId: 'noLimits', at: { pointer: `${pointer}/resources/limits` }, data });
      else if (!cpu) context.report({ messageId: 'noCpuLimit', at: { pointer: `${pointer}/resources/limits/cpu` }, data });
      else if (!memory) context.report({ messageId: 'noMemoryLimit', at: { pointer: `${pointer}/resources/limits/memory` }, data });
    }
  },
});

function hasLimit(limits: JsonObject | undefined, resource: string): boolean {
  const value = limits?.[resource];
  return value !== undefined && value !== null && value !== '';
}
