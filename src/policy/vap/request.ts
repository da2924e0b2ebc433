import type { JsonObject } from '../../kubernetes/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { apiGroupOf, objectAt, stringAt } from '../../kubernetes/index.ts';
import type { GroupVersionResource, ResourceCatalog } from './resources.ts';
import { labelsOf } from '../../kubernetes/label-selector.ts';

/** A scanned object seen as the CREATE request that would apply it. */
export interface AdmissionTarget {
  readonly artifact: KubernetesObjectArtifact;
  readonly kind: { readonly group: string; readonly version: string; readonly kind: string };
  readonly resource: GroupVersionResource;
  /** The namespace the object lands in (`default` when a namespaced object names none); `''` when cluster-scoped. */
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function admissionTargetOf(artifact: KubernetesObjectArtifact, catalog: ResourceCatalog): AdmissionTarget {
  const { object } = artifact;
  const apiVersion = stringAt(object, 'apiVersion') ?? '';
  const group = apiGroupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const kind = stringAt(object, 'kind') ?? '';
  const metadata = objectAt(object, 'metadata') ?? {};
  const namespaced = catalog.isNamespaced(group, kind) ?? true;
  return {
    artifact,
    kind: { group, version, kind },
    resource: { group, version, resource: catalog.resourceOf(group, kind) },
    namespace: namespaced ? (stringAt(metadata, 'namespace') ?? 'default') : '',
    name: stringAt(metadata, 'name') ?? '',
    labels: labelsOf(object),
  };
}

/**
 * The `request` variable of a CREATE request for the target, by an anonymous user: `userInfo` has
 * an empty name and no groups (no one authenticated a file on disk).
 */
export function admissionRequestOf(target: AdmissionTarget): JsonObject {
  const kind = { ...target.kind };
  const resource = { ...target.resource };
  return {
    uid: '',
    kind,
    resource,
    subResource: '',
    requestKind: kind,
    requestResource: resource,
    requestSubResource: '',
    name: target.name,
    namespace: target.namespace,
    operation: 'CREATE',
    userInfo: { username: '', uid: '', groups: [], extra: {} },
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
}

/**
 * The `namespaceObject` variable: the scan's Namespace object (metadata, spec and status only, as the
 * API server exposes it), or for a namespace the scan does not hold, one with that name and no labels.
 * Null for cluster-scoped objects.
 */
export function namespaceObjectOf(target: AdmissionTarget, namespaces: ReadonlyMap<string, JsonObject>): JsonObject | null {
  if (target.namespace === '') return null;
  const found = namespaces.get(target.namespace);
  if (found === undefined) return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: target.namespace, labels: {} }, spec: {}, status: {} };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: objectAt(found, 'metadata') ?? {}, spec: objectAt(found, 'spec') ?? {}, status: objectAt(found, 'status') ?? {} };
}
