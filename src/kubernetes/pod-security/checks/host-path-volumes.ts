import { arrayAt, isJsonObject, stringAt } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { isSet } from '../pod.ts';

/** Upstream: spec.volumes[*].hostPath must be undefined/null. */
function hostPathVolumesV1Dot0(pod: PodView): Violation<'hostPath'>[] {
  const violations: Violation<'hostPath'>[] = [];
  arrayAt(pod.spec, 'volumes').forEach((volume, index) => {
    if (!isJsonObject(volume) || !isSet(volume['hostPath'])) return;
    violations.push({ pointer: `${pod.pointer}/volumes/${index}/hostPath`, messageId: 'hostPath', data: { volume: stringAt(volume, 'name') ?? '' } });
  });
  return violations;
}

/** `hostPathVolumes` (baseline, v1.0+); the restricted level replaces it with `restrictedVolumes`. */
export const hostPathVolumesCheck = defineCheck({ id: 'hostPathVolumes', level: 'baseline', versions: [{ minimum: 0, checkPod: hostPathVolumesV1Dot0 }] });
