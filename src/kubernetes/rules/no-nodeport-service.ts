import { defineRule } from '../../core/index.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

export const noNodeportService = defineRule({
  meta: {
    id: 'K8S-0009',
    slug: 'no-nodeport-service',
    title: 'Service is exposed on a port of every node',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A `NodePort` Service opens the same port on every node of the cluster and accepts traffic from anywhere that can reach a node; NetworkPolicies do not reliably restrict it, so the node firewall becomes the only control.',
    remediation: 'Use a `ClusterIP` Service behind an Ingress or Gateway, or a `LoadBalancer` Service with `loadBalancerSourceRanges`.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'],
    aliases: [{ tool: 'kube-linter', id: 'exposed-services', relation: 'similar' }],
    compliance: ['nist-800-190:4.3.3', 'pci-dss-4.0:1.3.1'],
    packs: ['network'],
    cel: {
      kinds: [{ apiGroup: '', kind: 'Service' }],
      expression:
        'object.?spec.?type.orValue("") != "NodePort"',
      message:
        '"Service type NodePort exposes the Service on a port of every node."',
    },
    messages: {
      nodePort: 'Service type NodePort exposes the Service on a port of every node.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if (ref.kind !== 'Service' || apiGroupOf(ref.apiVersion) !== '') return;
    if (objectAt(object, 'spec')?.['type'] !== 'NodePort') return;
    context.report({ messageId: 'nodePort', at: { pointer: '/spec/type' } });
  },
});
