import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { inUserNamespace } from '../pod.ts';

export type RunAsNonRootMessageId = 'podDisabled' | 'containerDisabled' | 'notSet';

/**
 * Upstream: the pod or every container must set runAsNonRoot to true; a container's value wins over
 * the pod's. When the pod or a container sets it to false, only those explicit settings are reported
 * (upstream returns before listing the containers that merely leave it unset).
 */
function runAsNonRootV1Dot0(pod: PodView): Violation<RunAsNonRootMessageId>[] {
  const podValue = pod.securityContext?.['runAsNonRoot'];
  const explicit: Violation<RunAsNonRootMessageId>[] = podValue === false ? [{ pointer: `${pod.pointer}/securityContext/runAsNonRoot`, messageId: 'podDisabled' }] : [];
  const implicit: Violation<RunAsNonRootMessageId>[] = [];
  for (const { pointer, name, securityContext } of pod.containers) {
    const value = securityContext?.['runAsNonRoot'];
    const at = `${pointer}/securityContext/runAsNonRoot`;
    if (value === false) explicit.push({ pointer: at, messageId: 'containerDisabled', data: { container: name } });
    else if (typeof value !== 'boolean' && podValue !== true) implicit.push({ pointer: at, messageId: 'notSet', data: { container: name } });
  }
  return explicit.length > 0 ? explicit : implicit;
}

/** v1.35: pods in a user namespace (`hostUsers: false`) are exempt. */
function runAsNonRootV1Dot35(pod: PodView): Violation<RunAsNonRootMessageId>[] {
  return inUserNamespace(pod) ? [] : runAsNonRootV1Dot0(pod);
}

/** `runAsNonRoot` (restricted, v1.0+; user-namespace pods exempt from v1.35). */
export const runAsNonRootCheck = defineCheck({
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minimum: 0, checkPod: runAsNonRootV1Dot0 },
    { minimum: 35, checkPod: runAsNonRootV1Dot35 },
  ],
});
