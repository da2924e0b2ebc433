import { arrayAt } from '../../json.ts';
import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { objectIn } from '../pod.ts';

/** The container runtime's default capability set: the only ones a container may add (upstream `capabilities_allowed_1_0`). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function capabilitiesBaselineV1Dot0(pod: PodView): Violation<'nonDefault'>[] {
  const violations: Violation<'nonDefault'>[] = [];
  for (const { pointer, name, securityContext } of pod.containers) {
    arrayAt(objectIn(securityContext, 'capabilities') ?? {}, 'add').forEach((capability, index) => {
      if (typeof capability !== 'string' || BASELINE_CAPABILITIES.has(capability)) return;
      violations.push({ pointer: `${pointer}/securityContext/capabilities/add/${index}`, messageId: 'nonDefault', data: { container: name, capability } });
    });
  }
  return violations;
}

/** `capabilities_baseline` (baseline, v1.0+); the restricted level replaces it with `capabilities_restricted` from v1.22. */
export const capabilitiesBaselineCheck = defineCheck({ id: 'capabilities_baseline', level: 'baseline', versions: [{ minimum: 0, checkPod: capabilitiesBaselineV1Dot0 }] });
