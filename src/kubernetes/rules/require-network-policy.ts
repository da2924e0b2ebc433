import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf, podSpecOf } from '../workload.ts';

/** Namespaced policy kinds that isolate pods of their namespace, by API group. */
const NAMESPACED_POLICIES = new Set(['networking.k8s.io/NetworkPolicy', 'extensions/NetworkPolicy', 'cilium.io/CiliumNetworkPolicy', 'crd.projectcalico.org/NetworkPolicy', 'projectcalico.org/NetworkPolicy']);
/** Cluster-wide policy kinds: with one of them in the tree, every namespace may be covered. */
const CLUSTER_POLICIES = new Set(['cilium.io/CiliumClusterwideNetworkPolicy', 'crd.projectcalico.org/GlobalNetworkPolicy', 'projectcalico.org/GlobalNetworkPolicy', 'policy.networking.k8s.io/AdminNetworkPolicy', 'policy.networking.k8s.io/BaselineAdminNetworkPolicy']);

interface Options {
  readonly ignoreNamespaces: readonly string[];
  readonly includeUnnamespaced: boolean;
}

type MessageId = 'namespaceWithoutPolicy' | 'workloadsWithoutPolicy' | 'unnamespacedWithoutPolicy';

export const requireNetworkPolicy = defineRule<KubernetesObjectArtifact, MessageId, Options, NetworkFact>({
  meta: {
    id: 'K8S-0031',
    slug: 'require-network-policy',
    title: 'Namespace has no NetworkPolicy',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Kubernetes lets every pod talk to every other pod, in any namespace, until a NetworkPolicy selects it. A namespace whose manifests declare no NetworkPolicy leaves its workloads reachable from anything compromised in the cluster, and free to reach anything.',
    remediation: 'Add a default-deny NetworkPolicy to the namespace, then policies that allow the traffic each workload needs.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
    aliases: [{ tool: 'kube-linter', id: 'non-isolated-pod', relation: 'similar' }],
    compliance: ['cis-k8s-1.9:5.3.2', 'nist-800-190:4.3.3', 'nist-800-190:4.4.2', 'nsa-cisa-k8s-1.2:network/network-policies', 'pci-dss-4.0:1.3.1'],
    packs: ['network'],
    messages: {
      namespaceWithoutPolicy: 'No NetworkPolicy in the scanned files applies to namespace "{namespace}".',
      workloadsWithoutPolicy: 'No NetworkPolicy in the scanned files applies to namespace "{namespace}", used by {count} workload(s).',
      unnamespacedWithoutPolicy: 'No NetworkPolicy in the scanned files applies to the namespace {count} workload(s) without a namespace are deployed to.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreNamespaces: { type: 'array', items: { type: 'string' }, description: 'Namespaces that need no NetworkPolicy in the scanned files.' },
          includeUnnamespaced: { type: 'boolean', description: 'Treat workloads without `metadata.namespace` as one namespace, covered only by NetworkPolicies without a namespace.' },
        },
      },
      defaults: { ignoreNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'], includeUnnamespaced: true },
    },
  },
  collect: networkFact,
  checkProject(context, facts) {
    if (facts.some((fact) => fact.type === 'clusterPolicy')) return;
    const covered = new Set<string>();
    for (const fact of facts) if (fact.type === 'policy') covered.add(fact.namespace);
    const ignored = new Set(context.options.ignoreNamespaces);
    const declared = new Set<string>();
    for (const fact of facts) {
      if (fact.type !== 'namespace') continue;
      declared.add(fact.name);
      if (covered.has(fact.name) || ignored.has(fact.name)) continue;
      context.report({ artifact: fact.artifact, messageId: 'namespaceWithoutPolicy', at: { pointer: '/metadata/name' }, data: { namespace: fact.name } });
    }
    for (const [namespace, workloads] of workloadsByNamespace(facts)) {
      const first = workloads[0];
      if (first === undefined || covered.has(namespace) || declared.has(namespace) || ignored.has(namespace)) continue;
      if (namespace === '' && !context.options.includeUnnamespaced) continue;
      const messageId = namespace === '' ? 'unnamespacedWithoutPolicy' : 'workloadsWithoutPolicy';
      context.report({ artifact: first, messageId, at: { pointer: '/metadata/namespace' }, data: { namespace, count: workloads.length } });
    }
  },
});

/** What the rule keeps of an object: whether it is a policy (and where), a Namespace, or a workload. */
type NetworkFact =
  | { readonly type: 'clusterPolicy' }
  | { readonly type: 'policy'; readonly namespace: string }
  | { readonly type: 'namespace'; readonly artifact: KubernetesObjectArtifact; readonly name: string }
  | { readonly type: 'workload'; readonly artifact: KubernetesObjectArtifact; readonly namespace: string };

function networkFact(artifact: KubernetesObjectArtifact): NetworkFact | undefined {
  const { ref } = artifact;
  const kind = `${apiGroupOf(ref.apiVersion)}/${ref.kind}`;
  if (CLUSTER_POLICIES.has(kind)) return { type: 'clusterPolicy' };
  if (NAMESPACED_POLICIES.has(kind)) return { type: 'policy', namespace: ref.namespace ?? '' };
  if (kind === '/Namespace' && ref.name !== undefined) return { type: 'namespace', artifact, name: ref.name };
  return podSpecOf(artifact.object) === undefined ? undefined : { type: 'workload', artifact, namespace: ref.namespace ?? '' };
}

/** Workloads (objects with a pod spec) by their namespace, `''` for those that name none, in scan order. */
function workloadsByNamespace(facts: readonly NetworkFact[]): Map<string, KubernetesObjectArtifact[]> {
  const result = new Map<string, KubernetesObjectArtifact[]>();
  for (const fact of facts) {
    if (fact.type !== 'workload') continue;
    const known = result.get(fact.namespace);
    if (known === undefined) result.set(fact.namespace, [fact.artifact]);
    else known.push(fact.artifact);
  }
  return result;
}
