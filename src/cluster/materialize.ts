import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { JsonObject } from '../kubernetes/json.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../kubernetes/json.ts';

/** Kinds whose controller is itself scanned, so the objects it creates would only repeat its findings. */
const SCANNED_OWNERS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'ReplicationController']);

/** True for a ReplicaSet of a Deployment, a Pod of a ReplicaSet, a Job of a CronJob and the like. */
export function ownedByScannedController(object: JsonObject): boolean {
  const metadata = objectAt(object, 'metadata');
  if (metadata === undefined) return false;
  return arrayAt(metadata, 'ownerReferences').some((owner) => isJsonObject(owner) && owner['controller'] === true && SCANNED_OWNERS.has(stringAt(owner, 'kind') ?? ''));
}

/** `shop/Deployment/orders.yaml`, `_cluster/ClusterRole/admin.yaml`: the path an object is reported under. */
export function objectPath(object: JsonObject): string {
  const metadata = objectAt(object, 'metadata') ?? {};
  const namespace = stringAt(metadata, 'namespace');
  return [namespace === undefined ? '_cluster' : safe(namespace), safe(stringAt(object, 'kind') ?? 'Unknown'), `${safe(stringAt(metadata, 'name') ?? '(unnamed)')}.yaml`].join('/');
}

/** Object names are DNS labels, but a hostile server could send anything: keep each segment one plain name. */
function safe(segment: string): string {
  const cleaned = segment.replace(/[^A-Za-z0-9._-]/g, '_');
  return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}_` : cleaned;
}

/**
 * Writes the objects a scan should see (status dropped, owned objects skipped) as one YAML file each
 * into a new temporary folder, so the scan reads live objects exactly as it reads manifests.
 * Returns the folder and a function that removes it.
 */
export async function materialize(objects: readonly JsonObject[]): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-cluster-'));
  const written = new Set<string>();
  try {
    for (const object of objects) {
      if (ownedByScannedController(object)) continue;
      let path = objectPath(object);
      for (let copy = 2; written.has(path); copy += 1) path = objectPath(object).replace(/\.yaml$/, `-${copy}.yaml`);
      written.add(path);
      const { status: _status, ...spec } = object;
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), stringify(spec, { aliasDuplicateObjects: false, lineWidth: 0 }));
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
