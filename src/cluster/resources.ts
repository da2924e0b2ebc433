/** A resource Palisade lists from the API: where, and whether it lives in namespaces. */
export interface ResourceType {
  /** `v1` or `<group>/<version>`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** The plural path segment. */
  readonly resource: string;
  readonly namespaced: boolean;
}

/**
 * What `cluster scan` reads: the kinds the built-in rules and the RBAC analysis look at. Secrets are
 * deliberately absent (reading them needs a permission a scanner should not hold); ReplicaSets, Jobs
 * and Pods owned by a controller are read but scanned through their owner.
 */
export const CLUSTER_RESOURCES: readonly ResourceType[] = Object.freeze([
  { apiVersion: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false },
  { apiVersion: 'v1', kind: 'Pod', resource: 'pods', namespaced: true },
  { apiVersion: 'v1', kind: 'Service', resource: 'services', namespaced: true },
  { apiVersion: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true },
  { apiVersion: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', resource: 'daemonsets', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', resource: 'statefulsets', namespaced: true },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', resource: 'replicasets', namespaced: true },
  { apiVersion: 'batch/v1', kind: 'Job', resource: 'jobs', namespaced: true },
  { apiVersion: 'batch/v1', kind: 'CronJob', resource: 'cronjobs', namespaced: true },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', resource: 'ingresses', namespaced: true },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', resource: 'networkpolicies', namespaced: true },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', resource: 'roles', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', resource: 'rolebindings', namespaced: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', resource: 'clusterroles', namespaced: false },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', namespaced: false },
]);

/** The collection path: `/api/v1/pods`, `/apis/apps/v1/namespaces/shop/deployments`. */
export function collectionPath(type: ResourceType, namespace?: string): string {
  const base = type.apiVersion.includes('/') ? `/apis/${type.apiVersion}` : `/api/${type.apiVersion}`;
  return type.namespaced && namespace !== undefined ? `${base}/namespaces/${encodeURIComponent(namespace)}/${type.resource}` : `${base}/${type.resource}`;
}

/** The read-only ClusterRole `cluster scan` needs (get, list and watch on the kinds above), as YAML. */
export function readOnlyClusterRole(name = 'palisade-reader'): string {
  const byGroup = new Map<string, string[]>();
  for (const type of CLUSTER_RESOURCES) {
    const group = type.apiVersion.includes('/') ? (type.apiVersion.split('/')[0] ?? '') : '';
    byGroup.set(group, [...(byGroup.get(group) ?? []), type.resource]);
  }
  const rules = [...byGroup.entries()].map(([group, resources]) => `  - apiGroups: ["${group}"]\n    resources: [${resources.map((resource) => `"${resource}"`).join(', ')}]\n    verbs: ["get", "list", "watch"]`);
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n  labels:\n    app.kubernetes.io/name: palisade\nrules:\n${rules.join('\n')}\n`;
}
