import type { JsonObject } from '../kubernetes/json.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../kubernetes/json.ts';
import { statusDigests } from './images.ts';

/** The controller a Pod belongs to, as a person names it: `Deployment payments`, not `ReplicaSet payments-7d9f6c5b8`. */
export interface Workload {
  readonly kind: string;
  readonly name: string;
}

/** One container of one Pod, and the image it runs. */
export interface PodContainer {
  readonly name: string;
  readonly image: string;
  /** From the spec (`@sha256:…`) or, when the spec names a tag, the container status's `imageID`. */
  readonly digest?: string;
}

/** What an informer keeps of a Pod: enough to say which digests run where, nothing more. */
export interface PodRecord {
  readonly namespace: string;
  readonly name: string;
  readonly workload: Workload;
  readonly containers: readonly PodContainer[];
}

const DIGEST = /@(sha256:[0-9a-f]{64})$/;
/** Jobs a CronJob creates are named `<cronjob>-<minutes since the epoch>`. */
const CRONJOB_SUFFIX = /^(.+)-\d{8,}$/;

/**
 * The workload of a Pod from its controller owner reference: a ReplicaSet named
 * `<deployment>-<pod-template-hash>` stands for its Deployment, a Job named `<cronjob>-<timestamp>`
 * for its CronJob (both by the names the controllers give; no extra API call), any other controller
 * for itself, and a Pod without one for itself.
 */
export function workloadOf(pod: JsonObject): Workload {
  const metadata = objectAt(pod, 'metadata') ?? {};
  const name = stringAt(metadata, 'name') ?? '(unnamed)';
  const owner = arrayAt(metadata, 'ownerReferences').find((entry) => isJsonObject(entry) && entry['controller'] === true);
  if (owner === undefined || !isJsonObject(owner)) return { kind: 'Pod', name };
  const kind = stringAt(owner, 'kind') ?? 'Pod';
  const ownerName = stringAt(owner, 'name') ?? name;
  const hash = stringAt(objectAt(metadata, 'labels') ?? {}, 'pod-template-hash');
  if (kind === 'ReplicaSet' && hash !== undefined && ownerName.endsWith(`-${hash}`)) return { kind: 'Deployment', name: ownerName.slice(0, -hash.length - 1) };
  const cronJob = kind === 'Job' ? CRONJOB_SUFFIX.exec(ownerName)?.[1] : undefined;
  if (cronJob !== undefined) return { kind: 'CronJob', name: cronJob };
  return { kind, name: ownerName };
}

/** The Pod as an informer keeps it, or undefined when it runs nothing (finished: Succeeded or Failed). */
export function podRecord(pod: JsonObject): PodRecord | undefined {
  const metadata = objectAt(pod, 'metadata') ?? {};
  const phase = stringAt(objectAt(pod, 'status') ?? {}, 'phase');
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const digests = statusDigests(objectAt(pod, 'status'));
  const spec = objectAt(pod, 'spec') ?? {};
  const containers: PodContainer[] = [];
  for (const container of ['initContainers', 'containers', 'ephemeralContainers'].flatMap((list) => arrayAt(spec, list))) {
    const image = isJsonObject(container) ? stringAt(container, 'image') : undefined;
    if (image === undefined || !isJsonObject(container)) continue;
    const name = stringAt(container, 'name') ?? '?';
    const digest = DIGEST.exec(image)?.[1] ?? digests.get(name);
    containers.push({ name, image, ...(digest === undefined ? {} : { digest }) });
  }
  return { namespace: stringAt(metadata, 'namespace') ?? 'default', name: stringAt(metadata, 'name') ?? '(unnamed)', workload: workloadOf(pod), containers };
}
