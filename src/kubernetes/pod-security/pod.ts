import { recentMemo } from '../../core/index.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject, objectAt } from '../json.ts';
import type { PodSpecRef } from '../workload.ts';
import { containersOf, podSpecOf } from '../workload.ts';

/** A container as the checks see it. */
export interface ContainerView {
  readonly container: JsonObject;
  /** `/spec/template/spec/containers/0` … */
  readonly pointer: string;
  readonly name: string;
  readonly securityContext: JsonObject | undefined;
}

/** A pod spec and its metadata, wherever they sit in the object (a Pod, a template of a workload). */
export interface PodView {
  readonly spec: JsonObject;
  /** Pointer of the pod spec (`/spec`, `/spec/template/spec` …). */
  readonly pointer: string;
  /** Pointer of the pod's metadata (`/metadata`, `/spec/template/metadata` …). */
  readonly metadataPointer: string;
  readonly annotations: JsonObject;
  readonly securityContext: JsonObject | undefined;
  /** Init containers, containers, then ephemeral containers: upstream `visitContainers` order. */
  readonly containers: readonly ContainerView[];
}

const VISIT_ORDER = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The pod of a pod-bearing object (see workload.ts), built once for the rules asking in turn; undefined for other kinds. */
export const podViewOf: (object: JsonObject) => PodView | undefined = recentMemo(8, (object: JsonObject) => {
  const ref = podSpecOf(object);
  return ref === undefined ? undefined : buildView(object, ref);
});

function buildView(object: JsonObject, ref: PodSpecRef): PodView {
  const metadataPath = [...ref.pointer.split('/').slice(1, -1), 'metadata'];
  const metadata = metadataPath.reduce<JsonObject | undefined>((parent, key) => (parent === undefined ? undefined : objectAt(parent, key)), object);
  return {
    spec: ref.spec,
    pointer: ref.pointer,
    metadataPointer: `/${metadataPath.join('/')}`,
    annotations: (metadata === undefined ? undefined : objectAt(metadata, 'annotations')) ?? {},
    securityContext: objectAt(ref.spec, 'securityContext'),
    containers: containersOf(ref, VISIT_ORDER).map(({ container, pointer, name }) => ({ container, pointer, name, securityContext: objectAt(container, 'securityContext') })),
  };
}

/** True for a value Go would decode to a non-nil pointer (present and not null). */
export function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null;
}

/** The object at a path of keys, when every step is an object. */
export function objectIn(root: JsonObject | undefined, ...keys: readonly string[]): JsonObject | undefined {
  let current = root;
  for (let index = 0; index < keys.length && current !== undefined; index += 1) current = objectAt(current, keys[index] ?? '');
  return current;
}

/** `spec.os.name == "windows"` (upstream exempts such pods from some restricted checks from v1.25). */
export function isWindowsPod(pod: PodView): boolean {
  return objectIn(pod.spec, 'os')?.['name'] === 'windows';
}

/** `spec.hostUsers: false`: the pod runs in a user namespace (upstream `relaxPolicyForUserNamespacePod`). */
export function inUserNamespace(pod: PodView): boolean {
  return pod.spec['hostUsers'] === false;
}

/** A string field, or `''` when absent or not a string (Go's zero value). */
export function stringOr(parent: JsonObject | undefined, key: string): string {
  const value = parent?.[key];
  return typeof value === 'string' ? value : '';
}

/** Escapes one JSON pointer segment (annotation keys hold `/`). */
export function segment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

export { isJsonObject };

/** A security context that may set a field: the pod's (`container` undefined) or a container's. */
export interface SecurityContextView {
  /** Pointer of the `securityContext` (present or not). */
  readonly pointer: string;
  readonly securityContext: JsonObject | undefined;
  /** The container's name; undefined for the pod. */
  readonly container: string | undefined;
}

/** The pod's security context, then each container's, in upstream order. */
export function securityContextsOf(pod: PodView): SecurityContextView[] {
  return [
    { pointer: `${pod.pointer}/securityContext`, securityContext: pod.securityContext, container: undefined },
    ...pod.containers.map(({ pointer, name, securityContext }) => ({ pointer: `${pointer}/securityContext`, securityContext, container: name })),
  ];
}
