import type { JsonObject } from '../kubernetes/json.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../kubernetes/json.ts';

/** One image running in the cluster, with every place it runs. */
export interface RunningImage {
  /** The reference in the Pod spec (tag or digest). */
  readonly image: string;
  /** The digest the node resolved (from the container status), when known. */
  readonly digest?: string;
  /** True when the spec pins the image by digest. */
  readonly pinned: boolean;
  /** `namespace/pod:container`, sorted. */
  readonly runningIn: readonly string[];
}

const DIGEST = /@(sha256:[0-9a-f]{64})$/;

/** Images of every container of every Pod (init and ephemeral ones included), grouped by reference and digest. */
export function runningImages(objects: readonly JsonObject[]): RunningImage[] {
  const byKey = new Map<string, { image: string; digest: string | undefined; places: string[] }>();
  for (const pod of objects) {
    if (stringAt(pod, 'kind') !== 'Pod' || stringAt(pod, 'apiVersion') !== 'v1') continue;
    const metadata = objectAt(pod, 'metadata') ?? {};
    const podName = `${stringAt(metadata, 'namespace') ?? 'default'}/${stringAt(metadata, 'name') ?? '(unnamed)'}`;
    const digests = statusDigests(objectAt(pod, 'status'));
    const spec = objectAt(pod, 'spec') ?? {};
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      for (const container of arrayAt(spec, list)) {
        if (!isJsonObject(container)) continue;
        const image = stringAt(container, 'image');
        const name = stringAt(container, 'name') ?? '?';
        if (image === undefined) continue;
        const digest = DIGEST.exec(image)?.[1] ?? digests.get(name);
        const key = `${image}\u0000${digest ?? ''}`;
        const entry = byKey.get(key) ?? { image, digest, places: [] };
        entry.places.push(`${podName}:${name}`);
        byKey.set(key, entry);
      }
    }
  }
  return [...byKey.values()]
    .map(({ image, digest, places }) => ({ image, ...(digest === undefined ? {} : { digest }), pinned: DIGEST.test(image), runningIn: places.sort() }))
    .sort((a, b) => (a.image === b.image ? (a.digest ?? '').localeCompare(b.digest ?? '') : a.image < b.image ? -1 : 1));
}

/** container name → resolved digest, from `imageID` (`docker-pullable://repo@sha256:…`, `repo@sha256:…`). */
export function statusDigests(status: JsonObject | undefined): Map<string, string> {
  const digests = new Map<string, string>();
  if (status === undefined) return digests;
  for (const list of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    for (const entry of arrayAt(status, list)) {
      if (!isJsonObject(entry)) continue;
      const name = stringAt(entry, 'name');
      const digest = DIGEST.exec(stringAt(entry, 'imageID') ?? '')?.[1];
      if (name !== undefined && digest !== undefined) digests.set(name, digest);
    }
  }
  return digests;
}
