// A small cluster as the API server lists it (list responses: items without apiVersion/kind, server
// bookkeeping in metadata, status on Pods), written for Palisade's tests in the shape kind v1.32 returns.
const DIGEST_ORDERS = 'sha256:1f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const DIGEST_PAUSE = 'sha256:2a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748aa';

function meta(name: string, namespace?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: `uid-${namespace ?? 'cluster'}-${name}`,
    resourceVersion: '4711',
    creationTimestamp: '2026-11-20T08:00:00Z',
    managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2026-11-20T08:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }],
    ...extra,
  };
}

const ordersTemplate = {
  metadata: { labels: { app: 'orders' } },
  spec: {
    containers: [{ name: 'orders', image: 'registry.example.com/shop/orders:1.4', ports: [{ containerPort: 8080 }] }],
  },
};

/** `path → list items`, keyed by the collection path Palisade requests. */
export const API_LISTS: Readonly<Record<string, { readonly kind: string; readonly apiVersion: string; readonly items: readonly Record<string, unknown>[] }>> = {
  '/api/v1/namespaces': {
    kind: 'NamespaceList',
    apiVersion: 'v1',
    items: [
      { metadata: meta('default', undefined, { labels: { 'kubernetes.io/metadata.name': 'default' } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
      { metadata: meta('shop', undefined, { labels: { 'kubernetes.io/metadata.name': 'shop' } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
    ],
  },
  '/api/v1/pods': {
    kind: 'PodList',
    apiVersion: 'v1',
    items: [
      {
        metadata: meta('orders-7d9f6c5b8-x2kqp', 'shop', { labels: { app: 'orders' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'orders-7d9f6c5b8', uid: 'uid-rs', controller: true, blockOwnerDeletion: true }] }),
        spec: { ...ordersTemplate.spec, serviceAccountName: 'orders', nodeName: 'kind-worker' },
        status: { phase: 'Running', containerStatuses: [{ name: 'orders', image: 'registry.example.com/shop/orders:1.4', imageID: `registry.example.com/shop/orders@${DIGEST_ORDERS}`, ready: true, restartCount: 0 }] },
      },
      {
        metadata: meta('orders-7d9f6c5b8-b7w4n', 'shop', { labels: { app: 'orders' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'orders-7d9f6c5b8', uid: 'uid-rs', controller: true, blockOwnerDeletion: true }] }),
        spec: { ...ordersTemplate.spec, serviceAccountName: 'orders', nodeName: 'kind-worker2' },
        status: { phase: 'Running', containerStatuses: [{ name: 'orders', image: 'registry.example.com/shop/orders:1.4', imageID: `registry.example.com/shop/orders@${DIGEST_ORDERS}`, ready: true, restartCount: 0 }] },
      },
      {
        metadata: meta('debug', 'shop', { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod"}' } }),
        spec: { hostNetwork: true, containers: [{ name: 'shell', image: `registry.k8s.io/pause@${DIGEST_PAUSE}`, securityContext: { privileged: true } }] },
        status: { phase: 'Running', containerStatuses: [{ name: 'shell', image: `registry.k8s.io/pause@${DIGEST_PAUSE}`, imageID: `registry.k8s.io/pause@${DIGEST_PAUSE}`, ready: true, restartCount: 0 }] },
      },
    ],
  },
  '/apis/apps/v1/deployments': {
    kind: 'DeploymentList',
    apiVersion: 'apps/v1',
    items: [{ metadata: meta('orders', 'shop', { generation: 3 }), spec: { replicas: 2, selector: { matchLabels: { app: 'orders' } }, template: ordersTemplate }, status: { replicas: 2, readyReplicas: 2 } }],
  },
  '/apis/apps/v1/replicasets': {
    kind: 'ReplicaSetList',
    apiVersion: 'apps/v1',
    items: [
      {
        metadata: meta('orders-7d9f6c5b8', 'shop', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders', uid: 'uid-shop-orders', controller: true, blockOwnerDeletion: true }] }),
        spec: { replicas: 2, selector: { matchLabels: { app: 'orders' } }, template: ordersTemplate },
        status: { replicas: 2 },
      },
    ],
  },
  '/api/v1/services': {
    kind: 'ServiceList',
    apiVersion: 'v1',
    items: [
      { metadata: meta('kubernetes', 'default'), spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] } },
      { metadata: meta('orders', 'shop'), spec: { type: 'NodePort', selector: { app: 'orders' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } },
    ],
  },
  '/api/v1/serviceaccounts': { kind: 'ServiceAccountList', apiVersion: 'v1', items: [{ metadata: meta('orders', 'shop') }, { metadata: meta('default', 'shop') }] },
  '/apis/rbac.authorization.k8s.io/v1/clusterroles': {
    kind: 'ClusterRoleList',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    items: [
      { metadata: meta('admin'), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] }, rules: [] },
      { metadata: meta('shop-extras', undefined, { labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }), rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] },
      { metadata: meta('secret-reader'), rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }] },
    ],
  },
  '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings': {
    kind: 'ClusterRoleBindingList',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    items: [{ metadata: meta('orders-secrets'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'secret-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'orders', namespace: 'shop' }] }],
  },
  '/apis/rbac.authorization.k8s.io/v1/rolebindings': {
    kind: 'RoleBindingList',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    items: [{ metadata: meta('alice-admin', 'shop'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }] }],
  },
};

/** Kinds this cluster refuses to list (403), as a scanner without full read access meets. */
export const FORBIDDEN = new Set(['/apis/batch/v1/cronjobs']);

export { DIGEST_ORDERS, DIGEST_PAUSE };
