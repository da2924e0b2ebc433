import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';

/** Upstream: containers[*], initContainers[*], ephemeralContainers[*].securityContext.privileged must be undefined or false. */
function privilegedV1Dot0(pod: PodView): Violation<'privileged'>[] {
  return pod.containers
    .filter(({ securityContext }) => securityContext?.['privileged'] === true)
    .map(({ pointer, name }) => ({ pointer: `${pointer}/securityContext/privileged`, messageId: 'privileged', data: { container: name } }));
}

/** `privileged` (baseline, v1.0+). */
export const privilegedCheck = defineCheck({ id: 'privileged', level: 'baseline', versions: [{ minimum: 0, checkPod: privilegedV1Dot0 }] });
