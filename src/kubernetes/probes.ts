import type { JsonObject } from './json.ts';
import { isJsonObject, stringAt } from './json.ts';
import type { ContainerRef } from './workload.ts';
import { containersOf, podSpecOf } from './workload.ts';

/** Kinds whose pods are meant to keep running (Jobs and CronJobs finish, so probes matter less). */
const LONG_RUNNING = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** A long-running container without the probe, and the pointer to report (its name, else the missing probe). */
export interface MissingProbe {
  readonly container: ContainerRef;
  readonly pointer: string;
}

/**
 * Application containers of long-running pods (a bare Pod only when its restartPolicy is Always) that
 * lack `probe`. Init and ephemeral containers are not probed by the kubelet.
 */
export function containersWithoutProbe(object: JsonObject, probe: 'livenessProbe' | 'readinessProbe'): MissingProbe[] {
  if (!LONG_RUNNING.has(stringAt(object, 'kind') ?? '')) return [];
  const pod = podSpecOf(object);
  if (pod === undefined) return [];
  const restartPolicy = stringAt(pod.spec, 'restartPolicy') ?? 'Always';
  if (restartPolicy !== 'Always') return [];
  return containersOf(pod, ['containers'])
    .filter(({ container }) => !isJsonObject(container[probe]))
    .map((container) => ({ container, pointer: stringAt(container.container, 'name') === undefined ? `${container.pointer}/${probe}` : `${container.pointer}/name` }));
}
