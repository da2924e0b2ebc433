import type { JsonObject } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { objectIn, stringOr } from '../pod.ts';

/** The handlers that can name a host: probes, then lifecycle hooks (with their path from the container). */
const HANDLERS = [['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop']] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

/** Upstream: probes' and lifecycle hooks' httpGet.host and tcpSocket.host must be undefined or empty, on every container. */
function hostProbesAndHostLifecycleV1Dot34(pod: PodView): Violation<'host'>[] {
  const violations: Violation<'host'>[] = [];
  for (const { container, pointer, name } of pod.containers) {
    for (const path of HANDLERS) {
      const handler: JsonObject | undefined = objectIn(container, ...path);
      for (const action of ACTIONS) {
        const host = stringOr(objectIn(handler, action), 'host');
        if (host === '') continue;
        violations.push({ pointer: `${pointer}/${path.join('/')}/${action}/host`, messageId: 'host', data: { container: name, host, handler: `${path.join('.')}.${action}` } });
      }
    }
  }
  return violations;
}

/** `hostProbesAndHostLifecycle` (baseline, v1.34+). */
export const hostProbesAndHostLifecycleCheck = defineCheck({
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [{ minimum: 34, checkPod: hostProbesAndHostLifecycleV1Dot34 }],
});
