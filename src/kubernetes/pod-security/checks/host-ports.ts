import { arrayAt, isJsonObject } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';

/** Upstream: every container's ports[*].hostPort must be undefined or 0. */
function hostPortsV1Dot0(pod: PodView): Violation<'hostPort'>[] {
  const violations: Violation<'hostPort'>[] = [];
  for (const { container, pointer, name } of pod.containers) {
    arrayAt(container, 'ports').forEach((port, index) => {
      const hostPort = isJsonObject(port) ? port['hostPort'] : undefined;
      if (typeof hostPort !== 'number' || hostPort === 0) return;
      violations.push({ pointer: `${pointer}/ports/${index}/hostPort`, messageId: 'hostPort', data: { container: name, port: hostPort } });
    });
  }
  return violations;
}

/** `hostPorts` (baseline, v1.0+). */
export const hostPortsCheck = defineCheck({ id: 'hostPorts', level: 'baseline', versions: [{ minimum: 0, checkPod: hostPortsV1Dot0 }] });
