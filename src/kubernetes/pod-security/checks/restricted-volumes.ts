import { arrayAt, isJsonObject, stringAt } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { isSet } from '../pod.ts';

/** Volume sources the restricted level allows (`image` since Kubernetes 1.33, in the v1.0 revision). */
const ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'] as const;

/** The other volume sources, in upstream's order (the first one set is the one reported). */
const RESTRICTED = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker',
  'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
] as const;

/**
 * Upstream: spec.volumes[*] may only use the allowed sources. A volume that names no source at all is
 * what the API server defaults to an `emptyDir`, so it passes, as it does once admitted.
 */
function restrictedVolumesV1Dot0(pod: PodView): Violation<'volumeType'>[] {
  const violations: Violation<'volumeType'>[] = [];
  arrayAt(pod.spec, 'volumes').forEach((volume, index) => {
    if (!isJsonObject(volume) || ALLOWED.some((source) => isSet(volume[source]))) return;
    const type = RESTRICTED.find((source) => isSet(volume[source]));
    if (type === undefined) return;
    violations.push({ pointer: `${pod.pointer}/volumes/${index}/${type}`, messageId: 'volumeType', data: { volume: stringAt(volume, 'name') ?? '', type } });
  });
  return violations;
}

/** `restrictedVolumes` (restricted, v1.0+), replacing the baseline `hostPathVolumes`. */
export const restrictedVolumesCheck = defineCheck({
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [{ minimum: 0, checkPod: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] }],
});
