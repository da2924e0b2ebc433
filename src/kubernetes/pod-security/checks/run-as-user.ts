import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { inUserNamespace, securityContextsOf } from '../pod.ts';

export type RunAsUserMessageId = 'podRoot' | 'containerRoot';

/** Upstream: neither the pod nor any container may set runAsUser to 0. */
function runAsUserV1Dot23(pod: PodView): Violation<RunAsUserMessageId>[] {
  const violations: Violation<RunAsUserMessageId>[] = [];
  for (const { pointer, securityContext, container } of securityContextsOf(pod)) {
    if (securityContext?.['runAsUser'] !== 0) continue;
    const at = `${pointer}/runAsUser`;
    violations.push(container === undefined ? { pointer: at, messageId: 'podRoot' } : { pointer: at, messageId: 'containerRoot', data: { container } });
  }
  return violations;
}

/** v1.35: pods in a user namespace (`hostUsers: false`) are exempt. */
function runAsUserV1Dot35(pod: PodView): Violation<RunAsUserMessageId>[] {
  return inUserNamespace(pod) ? [] : runAsUserV1Dot23(pod);
}

/** `runAsUser` (restricted, v1.23+; user-namespace pods exempt from v1.35). */
export const runAsUserCheck = defineCheck({
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minimum: 23, checkPod: runAsUserV1Dot23 },
    { minimum: 35, checkPod: runAsUserV1Dot35 },
  ],
});
