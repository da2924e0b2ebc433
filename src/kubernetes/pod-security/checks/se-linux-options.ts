import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { objectIn, securityContextsOf, stringOr } from '../pod.ts';

export type SeLinuxMessageId = 'type' | 'user' | 'role';

const TYPES_V1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_V1_31: ReadonlySet<string> = new Set([...TYPES_V1_0, 'container_engine_t']);

/** Upstream: seLinuxOptions.type must be one of the allowed types, and user and role must be empty, on the pod and every container. */
function seLinuxOptions(allowedTypes: ReadonlySet<string>): (pod: PodView) => Violation<SeLinuxMessageId>[] {
  return (pod) => {
    const violations: Violation<SeLinuxMessageId>[] = [];
    for (const { pointer, securityContext, container } of securityContextsOf(pod)) {
      const options = objectIn(securityContext, 'seLinuxOptions');
      if (options === undefined) continue;
      const setter = container === undefined ? 'The pod' : `Container "${container}"`;
      const type = stringOr(options, 'type');
      if (!allowedTypes.has(type)) violations.push({ pointer: `${pointer}/seLinuxOptions/type`, messageId: 'type', data: { setter, value: type } });
      for (const field of ['user', 'role'] as const) {
        const value = stringOr(options, field);
        if (value !== '') violations.push({ pointer: `${pointer}/seLinuxOptions/${field}`, messageId: field, data: { setter, value } });
      }
    }
    return violations;
  };
}

/** `seLinuxOptions` (baseline, v1.0+; `container_engine_t` allowed from v1.31). */
export const seLinuxOptionsCheck = defineCheck({
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minimum: 0, checkPod: seLinuxOptions(TYPES_V1_0) },
    { minimum: 31, checkPod: seLinuxOptions(TYPES_V1_31) },
  ],
});
