import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { objectIn, securityContextsOf, segment, stringOr } from '../pod.ts';

export type SeccompBaselineMessageId = 'annotation' | 'podProfile' | 'containerProfile';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** The profile types upstream accepts (`validSeccomp`). */
export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function validAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** v1.0 – v1.18: the alpha annotations of the pod and of each container (by name) must be runtime/default, docker/default or localhost/*. */
function seccompProfileBaselineV1Dot0(pod: PodView): Violation<SeccompBaselineMessageId>[] {
  const keys = [POD_ANNOTATION, ...pod.containers.map(({ name }) => CONTAINER_ANNOTATION_PREFIX + name)];
  const violations: Violation<SeccompBaselineMessageId>[] = [];
  for (const key of new Set(keys)) {
    const value = pod.annotations[key];
    if (typeof value !== 'string' || validAnnotation(value)) continue;
    violations.push({ pointer: `${pod.metadataPointer}/annotations/${segment(key)}`, messageId: 'annotation', data: { key, value } });
  }
  return violations;
}

/** v1.19+: when the pod or a container sets securityContext.seccompProfile, its type must be RuntimeDefault or Localhost. */
function seccompProfileBaselineV1Dot19(pod: PodView): Violation<SeccompBaselineMessageId>[] {
  const violations: Violation<SeccompBaselineMessageId>[] = [];
  for (const { pointer, securityContext, container } of securityContextsOf(pod)) {
    const profile = objectIn(securityContext, 'seccompProfile');
    if (profile === undefined) continue;
    const type = stringOr(profile, 'type');
    if (validSeccompType(type)) continue;
    const at = `${pointer}/seccompProfile/type`;
    violations.push(container === undefined ? { pointer: at, messageId: 'podProfile', data: { type } } : { pointer: at, messageId: 'containerProfile', data: { type, container } });
  }
  return violations;
}

/** `seccompProfile_baseline` (baseline: annotations v1.0+, fields v1.19+); restricted replaces it with `seccompProfile_restricted` from v1.19. */
export const seccompProfileBaselineCheck = defineCheck({
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minimum: 0, checkPod: seccompProfileBaselineV1Dot0 },
    { minimum: 19, checkPod: seccompProfileBaselineV1Dot19 },
  ],
});
