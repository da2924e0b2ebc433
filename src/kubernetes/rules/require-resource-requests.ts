import { defineRule } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const requireResourceRequests = defineRule({
  meta: {
    id: 'K8S-0023',
    slug: 'require-resource-requests',
    title: 'Container has no CPU or memory request',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'The scheduler places pods by their requests. A container without CPU or memory requests is scheduled as if it needed nothing, lands on full nodes, is the first evicted under pressure (BestEffort), and makes quotas and capacity planning meaningless.',
    remediation: 'Set `resources.requests.cpu` and `resources.requests.memory` on every container, sized from its observed usage.',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/', 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/'],
    aliases: [
      { tool: 'kube-linter', id: 'unset-cpu-requirements', relation: 'similar' },
      { tool: 'kube-linter', id: 'unset-memory-requirements', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_K8S_10', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_12', relation: 'same' },
    ],
    compliance: ['nsa-cisa-k8s-1.2:network/resource-policies'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '(variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).all(c, (c.?resources.?requests.?cpu.orValue("") != "" || c.?resources.?limits.?cpu.orValue("") != "") && (c.?resources.?requests.?memory.orValue("") != "" || c.?resources.?limits.?memory.orValue("") != ""))',
      message:
        '"Container(s) " + (variables.podSpec.?containers.orValue([]) + variables.podSpec.?initContainers.orValue([])).filter(c, !((c.?resources.?requests.?cpu.orValue("") != "" || c.?resources.?limits.?cpu.orValue("") != "") && (c.?resources.?requests.?memory.orValue("") != "" || c.?resources.?limits.?memory.orValue("") != ""))).map(c, c.?name.orValue("")).join(", ") + " must set CPU and memory requests."',
    },
    messages: {
      noRequests: 'Container "{container}" sets no CPU or memory request.',
      noCpuRequest: 'Container "{container}" sets no CPU request.',
      noMemoryRequest: 'Container "{container}" sets no memory request.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    // Ephemeral containers cannot have resources.
    for (const { container, pointer, name } of containersOf(pod, ['containers', 'initContainers'])) {
      const resources = objectAt(container, 'resources') ?? {};
      // A limit without a request makes the request equal to the limit.
      const cpu = has(resources, 'requests', 'cpu') || has(resources, 'limits', 'cpu');
      const memory = has(resources, 'requests', 'memory') || has(resources, 'limits', 'memory');
      const data = { container: name };
      if (!cpu && !memory) context.report({ messageId: 'noRequests', at: { pointer: `${pointer}/resources/requests` }, data });
      else if (!cpu) context.report({ messageId: 'noCpuRequest', at: { pointer: `${pointer}/resources/requests/cpu` }, data });
      else if (!memory) context.report({ messageId: 'noMemoryRequest', at: { pointer: `${pointer}/resources/requests/memory` }, data });
    }
  },
});

function has(resources: JsonObject, section: string, resource: string): boolean {
  const value = objectAt(resources, section)?.[resource];
  return value !== undefined && value !== null && value !== '';
}
