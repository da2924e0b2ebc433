/**
 * Deprecated and removed API versions of built-in kinds, from the Kubernetes "Deprecated API
 * Migration Guide" (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), whose
 * last removal is v1.32 (flowcontrol.apiserver.k8s.io/v1beta3), plus the v1 Endpoints
 * deprecation of v1.33 (in favour of EndpointSlice). The guide gives removal releases; the
 * deprecation releases come from the `+k8s:prerelease-lifecycle-gen:deprecated` tags of k8s.io/api
 * where they were checked (CronJob, EndpointSlice, HPA v2beta2, CSR, Lease, networking Ingress,
 * SubjectAccessReview) and from pluto's `versions.yaml` otherwise; where neither is certain the
 * entry has no `deprecatedIn` and only its removal is reported. Reviewed against Kubernetes
 * releases up to DEPRECATIONS_KUBERNETES_RELEASE.
 */
export const DEPRECATIONS_KUBERNETES_RELEASE = '1.36';

export interface ApiDeprecation {
  readonly apiVersion: string;
  readonly kind: string;
  /** `1.N`: the release that deprecated it. */
  readonly deprecatedIn?: string;
  /** `1.N`: the first release that no longer serves it. */
  readonly removedIn?: string;
  /** What to use instead (an apiVersion, or a sentence when there is no API replacement). */
  readonly replacement: string;
}

type Row = readonly [apiVersion: string, kinds: readonly string[], deprecatedIn: string | undefined, removedIn: string | undefined, replacement: string];

const ROWS: readonly Row[] = [
  // Removed in v1.16
  ['extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1'],
  ['apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1'],
  ['apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', 'apps/v1'],
  ['extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1'],
  ['extensions/v1beta1', ['PodSecurityPolicy'], '1.10', '1.16', 'policy/v1beta1 (itself removed in 1.25; use Pod Security Admission)'],
  // Removed in v1.22
  ['admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.16', '1.22', 'admissionregistration.k8s.io/v1'],
  ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', '1.22', 'apiextensions.k8s.io/v1'],
  ['apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1'],
  ['authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', 'authentication.k8s.io/v1'],
  ['authorization.k8s.io/v1beta1', ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], '1.19', '1.22', 'authorization.k8s.io/v1'],
  ['certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1'],
  ['coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', 'coordination.k8s.io/v1'],
  ['extensions/v1beta1', ['Ingress'], '1.14', '1.22', 'networking.k8s.io/v1'],
  ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1'],
  ['rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1'],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', ['CSIDriver', 'StorageClass', 'VolumeAttachment'], '1.19', '1.22', 'storage.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', ['CSINode'], '1.17', '1.22', 'storage.k8s.io/v1'],
  // Removed in v1.25
  ['batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1'],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1'],
  ['events.k8s.io/v1beta1', ['Event'], '1.19', '1.25', 'events.k8s.io/v1'],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2'],
  ['policy/v1beta1', ['PodDisruptionBudget'], '1.21', '1.25', 'policy/v1'],
  ['policy/v1beta1', ['PodSecurityPolicy'], '1.21', '1.25', 'Pod Security Admission (there is no API replacement)'],
  ['node.k8s.io/v1beta1', ['RuntimeClass'], undefined, '1.25', 'node.k8s.io/v1'],
  // Removed in v1.26
  ['flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1'],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2'],
  // Removed in v1.27
  ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1'],
  // Removed in v1.29
  ['flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
  // Removed in v1.32
  ['flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
  // Deprecated, still served
  ['v1', ['Endpoints'], '1.33', undefined, 'discovery.k8s.io/v1 EndpointSlice'],
];

export const API_DEPRECATIONS: readonly ApiDeprecation[] = Object.freeze(
  ROWS.flatMap(([apiVersion, kinds, deprecatedIn, removedIn, replacement]) =>
    kinds.map((kind) => ({ apiVersion, kind, replacement, ...(deprecatedIn === undefined ? {} : { deprecatedIn }), ...(removedIn === undefined ? {} : { removedIn }) })),
  ),
);

const BY_KEY = new Map(API_DEPRECATIONS.map((entry) => [`${entry.apiVersion} ${entry.kind}`, entry]));

export function deprecationOf(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

/** `1.25`, `v1.25`, `1.25.3` → 25 (the minor release); undefined for anything else. */
export function minorOf(version: string): number | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export type DeprecationStatus = 'removed' | 'deprecated' | 'current';

/** Where an API stands at a target release (`1.N`). */
export function statusAt(entry: ApiDeprecation, target: string): DeprecationStatus {
  const minor = minorOf(target);
  if (minor === undefined) return 'current';
  const removed = entry.removedIn === undefined ? undefined : minorOf(entry.removedIn);
  if (removed !== undefined && removed <= minor) return 'removed';
  const deprecated = entry.deprecatedIn === undefined ? undefined : minorOf(entry.deprecatedIn);
  return deprecated !== undefined && deprecated <= minor ? 'deprecated' : 'current';
}

/** Pattern of the `kubernetesVersion` option. */
export const KUBERNETES_VERSION_PATTERN = '^v?1\\.\\d+(\\.\\d+)?$';
