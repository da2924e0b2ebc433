import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { inUserNamespace } from '../pod.ts';

/** Upstream `procMount_1_0`: securityContext.procMount must be undefined or `Default` on every container. */
export function procMountV1Dot0(pod: PodView): Violation<'procMount'>[] {
  const violations: Violation<'procMount'>[] = [];
  for (const { pointer, name, securityContext } of pod.containers) {
    const value = securityContext?.['procMount'];
    if (typeof value !== 'string' || value === 'Default') continue;
    violations.push({ pointer: `${pointer}/securityContext/procMount`, messageId: 'procMount', data: { container: name, value } });
  }
  return violations;
}

/** v1.35: any value is allowed when the pod runs in a user namespace (`hostUsers: false`). */
function procMountV1Dot35Baseline(pod: PodView): Violation<'procMount'>[] {
  return inUserNamespace(pod) ? [] : procMountV1Dot0(pod);
}

/** `procMount` (baseline, v1.0+, relaxed for user-namespace pods from v1.35). */
export const procMountCheck = defineCheck({
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minimum: 0, checkPod: procMountV1Dot0 },
    { minimum: 35, checkPod: procMountV1Dot35Baseline },
  ],
});
