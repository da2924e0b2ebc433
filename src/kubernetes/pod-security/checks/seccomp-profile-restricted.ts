import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { isWindowsPod, objectIn, stringOr } from '../pod.ts';
import { validSeccompType } from './seccomp-profile-baseline.ts';

export type SeccompRestrictedMessageId = 'podProfile' | 'containerProfile' | 'notSet';

/**
 * Upstream: the pod, or else every container, must set securityContext.seccompProfile.type to
 * RuntimeDefault or Localhost; a container's profile wins over the pod's. Explicit bad values are
 * reported alone when there are any (as upstream does).
 */
function seccompProfileRestrictedV1Dot19(pod: PodView): Violation<SeccompRestrictedMessageId>[] {
  const explicit: Violation<SeccompRestrictedMessageId>[] = [];
  const implicit: Violation<SeccompRestrictedMessageId>[] = [];
  const podProfile = objectIn(pod.securityContext, 'seccompProfile');
  const podType = stringOr(podProfile, 'type');
  if (podProfile !== undefined && !validSeccompType(podType)) {
    explicit.push({ pointer: `${pod.pointer}/securityContext/seccompProfile/type`, messageId: 'podProfile', data: { type: podType } });
  }
  const podSet = podProfile !== undefined && validSeccompType(podType);
  for (const { pointer, name, securityContext } of pod.containers) {
    const profile = objectIn(securityContext, 'seccompProfile');
    const type = stringOr(profile, 'type');
    if (profile !== undefined && !validSeccompType(type)) {
      explicit.push({ pointer: `${pointer}/securityContext/seccompProfile/type`, messageId: 'containerProfile', data: { container: name, type } });
    } else if (profile === undefined && !podSet) {
      implicit.push({ pointer: `${pointer}/securityContext/seccompProfile`, messageId: 'notSet', data: { container: name } });
    }
  }
  return explicit.length > 0 ? explicit : implicit;
}

/** v1.25: pods with `spec.os.name: windows` are exempt. */
function seccompProfileRestrictedV1Dot25(pod: PodView): Violation<SeccompRestrictedMessageId>[] {
  return isWindowsPod(pod) ? [] : seccompProfileRestrictedV1Dot19(pod);
}

/** `seccompProfile_restricted` (restricted, v1.19+, replacing `seccompProfile_baseline`; Windows pods exempt from v1.25). */
export const seccompProfileRestrictedCheck = defineCheck({
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimum: 19, checkPod: seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
    { minimum: 25, checkPod: seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
  ],
});
