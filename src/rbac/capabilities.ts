/** A request RBAC authorises: any of `verbs` on `resource` (with its subresource) in `apiGroup`. */
export interface AccessRequest {
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly verbs: readonly string[];
  /** Cluster-scoped resources are granted only by ClusterRoleBindings, never by a RoleBinding. */
  readonly clusterScoped?: true;
}

/** A sensitive ability, granted when RBAC allows any one of its requests. */
export interface Capability {
  readonly id: string;
  readonly title: string;
  readonly requests: readonly AccessRequest[];
}

const RBAC = 'rbac.authorization.k8s.io';
const WRITE = ['create', 'update', 'patch'] as const;

/**
 * The abilities a who-can review asks about, chosen from the Kubernetes RBAC good-practices guide:
 * each is a path to cluster-wide compromise or to other tenants' data.
 */
export const CAPABILITIES: readonly Capability[] = Object.freeze([
  { id: 'read-secrets', title: 'Read Secrets', requests: [{ apiGroup: '', resource: 'secrets', verbs: ['get', 'list', 'watch'] }] },
  {
    id: 'create-pods',
    title: 'Create Pods, directly or through a workload controller',
    requests: [
      { apiGroup: '', resource: 'pods', verbs: ['create'] },
      { apiGroup: '', resource: 'replicationcontrollers', verbs: ['create'] },
      ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((resource) => ({ apiGroup: 'apps', resource, verbs: ['create'] })),
      ...['jobs', 'cronjobs'].map((resource) => ({ apiGroup: 'batch', resource, verbs: ['create'] })),
    ],
  },
  {
    id: 'exec',
    title: 'Exec, attach or port-forward into Pods',
    // kubectl before 1.30 POSTs (create); WebSocket clients authorise as get.
    requests: ['exec', 'attach', 'portforward'].map((subresource) => ({ apiGroup: '', resource: 'pods', subresource, verbs: ['create', 'get'] })),
  },
  { id: 'escalate', title: 'Escalate roles beyond their own rights', requests: rbacRequests(['roles', 'clusterroles'], ['escalate']) },
  { id: 'bind', title: 'Bind any role', requests: rbacRequests(['roles', 'clusterroles'], ['bind']) },
  {
    id: 'impersonate',
    title: 'Impersonate users, groups or service accounts',
    requests: [
      ...['users', 'groups'].map((resource) => ({ apiGroup: '', resource, verbs: ['impersonate'], clusterScoped: true as const })),
      { apiGroup: '', resource: 'serviceaccounts', verbs: ['impersonate'] },
      { apiGroup: 'authentication.k8s.io', resource: 'uids', verbs: ['impersonate'], clusterScoped: true },
      { apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes', verbs: ['impersonate'], clusterScoped: true },
    ],
  },
  { id: 'write-rbac', title: 'Create or change roles and bindings', requests: rbacRequests(['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'], WRITE) },
  { id: 'node-proxy', title: 'Reach the kubelet API through nodes/proxy', requests: [{ apiGroup: '', resource: 'nodes', subresource: 'proxy', verbs: ['get', 'create'], clusterScoped: true }] },
  { id: 'create-tokens', title: 'Mint service account tokens', requests: [{ apiGroup: '', resource: 'serviceaccounts', subresource: 'token', verbs: ['create'] }] },
  {
    id: 'approve-csr',
    title: 'Approve certificate signing requests',
    requests: [{ apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', verbs: ['update', 'patch'], clusterScoped: true }],
  },
  {
    id: 'write-webhooks',
    title: 'Change admission webhooks',
    requests: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].map((resource) => ({ apiGroup: 'admissionregistration.k8s.io', resource, verbs: [...WRITE, 'delete'], clusterScoped: true as const })),
  },
]);

/** Requests on RBAC objects; the cluster-wide kinds (`cluster…`) are cluster-scoped. */
function rbacRequests(resources: readonly string[], verbs: readonly string[]): AccessRequest[] {
  return resources.map((resource) => ({ apiGroup: RBAC, resource, verbs, ...(resource.startsWith('cluster') ? { clusterScoped: true as const } : {}) }));
}

export function findCapability(id: string): Capability | undefined {
  return CAPABILITIES.find((capability) => capability.id === id);
}
