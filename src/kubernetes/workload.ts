import { recentMemo } from '../core/index.ts';
import type { JsonObject } from './json.ts';
import { arrayAt, isJsonObject, objectPath, stringAt } from './json.ts';

/** Where each workload kind keeps its pod spec, and the API groups that define the kind. */
const POD_SPEC_PATHS = {
  Pod: { groups: [''], path: ['spec'] },
  PodTemplate: { groups: [''], path: ['template', 'spec'] },
  ReplicationController: { groups: [''], path: ['spec', 'template', 'spec'] },
  Deployment: { groups: ['apps', 'extensions'], path: ['spec', 'template', 'spec'] },
  ReplicaSet: { groups: ['apps', 'extensions'], path: ['spec', 'template', 'spec'] },
  DaemonSet: { groups: ['apps', 'extensions'], path: ['spec', 'template', 'spec'] },
  StatefulSet: { groups: ['apps'], path: ['spec', 'template', 'spec'] },
  Job: { groups: ['batch'], path: ['spec', 'template', 'spec'] },
  CronJob: { groups: ['batch'], path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
} as const satisfies Record<string, { readonly groups: readonly string[]; readonly path: readonly string[] }>;

export type WorkloadKind = keyof typeof POD_SPEC_PATHS;

/** A pod spec inside a workload object, with its JSON pointer (`/spec`, `/spec/template/spec` …). */
export interface PodSpecRef {
  readonly spec: JsonObject;
  readonly pointer: string;
}

export const CONTAINER_GROUPS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export type ContainerGroup = (typeof CONTAINER_GROUPS)[number];

export interface ContainerRef {
  readonly container: JsonObject;
  /** `/spec/template/spec/containers/0` … */
  readonly pointer: string;
  readonly group: ContainerGroup;
  readonly index: number;
  /** The container's name, or `containers[0]` when it has none. */
  readonly name: string;
}

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → the core group ``). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.hasOwn(POD_SPEC_PATHS, kind);
}

/**
 * The pod spec of a Pod, PodTemplate or workload controller of the built-in API groups; undefined
 * otherwise. Found once for the thirty-odd rules that ask for an object's in turn (objects are
 * read-only; a memo of the last objects rather than a WeakMap, see core/recent-memo.ts).
 */
export const podSpecOf: (object: JsonObject) => PodSpecRef | undefined = recentMemo(8, findPodSpec);

function findPodSpec(object: JsonObject): PodSpecRef | undefined {
  const kind = stringAt(object, 'kind') ?? '';
  if (!isWorkloadKind(kind)) return undefined;
  const { groups, path } = POD_SPEC_PATHS[kind];
  const group = apiGroupOf(stringAt(object, 'apiVersion') ?? '');
  if (!groups.some((candidate) => candidate === group)) return undefined;
  const spec = objectPath(object, path);
  return spec === undefined ? undefined : { spec, pointer: `/${path.join('/')}` };
}

/** Containers, then init containers, then ephemeral containers, each in order, with their pointers. */
export function containersOf(pod: PodSpecRef, groups: readonly ContainerGroup[] = CONTAINER_GROUPS): ContainerRef[] {
  const result: ContainerRef[] = [];
  // Indexed loops, no callbacks: every container rule asks for every pod's containers.
  for (let groupIndex = 0; groupIndex < groups.length; groupIndex += 1) {
    const group = groups[groupIndex] ?? 'containers';
    const containers = arrayAt(pod.spec, group);
    for (let index = 0; index < containers.length; index += 1) {
      const container = containers[index];
      if (!isJsonObject(container)) continue;
      const name = stringAt(container, 'name') ?? `${group}[${index}]`;
      result.push({ container, pointer: `${pod.pointer}/${group}/${index}`, group, index, name });
    }
  }
  return result;
}
