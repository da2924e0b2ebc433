import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { objectIn } from '../pod.ts';

export type WindowsHostProcessMessageId = 'podHostProcess' | 'containerHostProcess';

/** Upstream: the pod's and every container's securityContext.windowsOptions.hostProcess must be undefined or false. */
function windowsHostProcessV1Dot0(pod: PodView): Violation<WindowsHostProcessMessageId>[] {
  const violations: Violation<WindowsHostProcessMessageId>[] = [];
  if (objectIn(pod.securityContext, 'windowsOptions')?.['hostProcess'] === true) {
    violations.push({ pointer: `${pod.pointer}/securityContext/windowsOptions/hostProcess`, messageId: 'podHostProcess' });
  }
  for (const { pointer, name, securityContext } of pod.containers) {
    if (objectIn(securityContext, 'windowsOptions')?.['hostProcess'] !== true) continue;
    violations.push({ pointer: `${pointer}/securityContext/windowsOptions/hostProcess`, messageId: 'containerHostProcess', data: { container: name } });
  }
  return violations;
}

/** `windowsHostProcess` (baseline, v1.0+). */
export const windowsHostProcessCheck = defineCheck({ id: 'windowsHostProcess', level: 'baseline', versions: [{ minimum: 0, checkPod: windowsHostProcessV1Dot0 }] });
