import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { isWindowsPod } from '../pod.ts';

export type AllowPrivilegeEscalationMessageId = 'allowed' | 'notDisabled';

/** Upstream: every container must set securityContext.allowPrivilegeEscalation to false (unset fails too). */
function allowPrivilegeEscalationV1Dot8(pod: PodView): Violation<AllowPrivilegeEscalationMessageId>[] {
  return pod.containers
    .filter(({ securityContext }) => securityContext?.['allowPrivilegeEscalation'] !== false)
    .map(({ pointer, name, securityContext }) => ({
      pointer: `${pointer}/securityContext/allowPrivilegeEscalation`,
      messageId: securityContext?.['allowPrivilegeEscalation'] === true ? 'allowed' : 'notDisabled',
      data: { container: name },
    }));
}

/** v1.25: pods with `spec.os.name: windows` are exempt (the API rejects the field on them). */
function allowPrivilegeEscalationV1Dot25(pod: PodView): Violation<AllowPrivilegeEscalationMessageId>[] {
  return isWindowsPod(pod) ? [] : allowPrivilegeEscalationV1Dot8(pod);
}

/** `allowPrivilegeEscalation` (restricted, v1.8+; Windows pods exempt from v1.25). */
export const allowPrivilegeEscalationCheck = defineCheck({
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    { minimum: 8, checkPod: allowPrivilegeEscalationV1Dot8 },
    { minimum: 25, checkPod: allowPrivilegeEscalationV1Dot25 },
  ],
});
