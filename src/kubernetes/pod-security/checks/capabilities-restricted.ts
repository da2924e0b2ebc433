import { arrayAt } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { isWindowsPod, objectIn } from '../pod.ts';

export type CapabilitiesRestrictedMessageId = 'dropAll' | 'added';

/** Upstream: every container must drop `ALL` and may add only `NET_BIND_SERVICE`. */
function capabilitiesRestrictedV1Dot22(pod: PodView): Violation<CapabilitiesRestrictedMessageId>[] {
  const violations: Violation<CapabilitiesRestrictedMessageId>[] = [];
  for (const { pointer, name, securityContext } of pod.containers) {
    const capabilities = objectIn(securityContext, 'capabilities');
    const base = `${pointer}/securityContext/capabilities`;
    if (!arrayAt(capabilities ?? {}, 'drop').includes('ALL')) violations.push({ pointer: `${base}/drop`, messageId: 'dropAll', data: { container: name } });
    arrayAt(capabilities ?? {}, 'add').forEach((capability, index) => {
      if (typeof capability !== 'string' || capability === 'NET_BIND_SERVICE') return;
      violations.push({ pointer: `${base}/add/${index}`, messageId: 'added', data: { container: name, capability } });
    });
  }
  return violations;
}

/** v1.25: pods with `spec.os.name: windows` are exempt. */
function capabilitiesRestrictedV1Dot25(pod: PodView): Violation<CapabilitiesRestrictedMessageId>[] {
  return isWindowsPod(pod) ? [] : capabilitiesRestrictedV1Dot22(pod);
}

/** `capabilities_restricted` (restricted, v1.22+, replacing `capabilities_baseline`; Windows pods exempt from v1.25). */
export const capabilitiesRestrictedCheck = defineCheck({
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimum: 22, checkPod: capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
    { minimum: 25, checkPod: capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
  ],
});
