import type { KubernetesObjectRef } from '../core/index.ts';
import { apiGroupOf } from './workload.ts';

/**
 * Built-in kinds that live in a namespace, by API group. An object of these kinds without
 * `metadata.namespace` lands in the namespace it is applied to (`default` unless told otherwise);
 * custom resources are left out because their scope is only known from their CRD.
 */
const NAMESPACED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['', new Set(['Pod', 'PodTemplate', 'ReplicationController', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota'])],
  ['apps', new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'])],
  ['extensions', new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'Ingress', 'NetworkPolicy'])],
  ['batch', new Set(['Job', 'CronJob'])],
  ['autoscaling', new Set(['HorizontalPodAutoscaler'])],
  ['policy', new Set(['PodDisruptionBudget'])],
  ['networking.k8s.io', new Set(['Ingress', 'NetworkPolicy'])],
  ['rbac.authorization.k8s.io', new Set(['Role', 'RoleBinding'])],
  ['discovery.k8s.io', new Set(['EndpointSlice'])],
  ['coordination.k8s.io', new Set(['Lease'])],
  ['storage.k8s.io', new Set(['CSIStorageCapacity'])],
]);

/** True for a built-in kind that is namespaced (see NAMESPACED). */
export function isBuiltInNamespaced(ref: KubernetesObjectRef): boolean {
  return NAMESPACED.get(apiGroupOf(ref.apiVersion))?.has(ref.kind) ?? false;
}
