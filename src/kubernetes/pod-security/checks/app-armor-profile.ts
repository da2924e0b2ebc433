import type { Violation } from '../check.ts';
import { defineCheck } from '../check.ts';
import type { PodView } from '../pod.ts';
import { objectIn, securityContextsOf, segment, stringOr } from '../pod.ts';

export type AppArmorMessageId = 'podProfile' | 'containerProfile' | 'annotation';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** Annotation values upstream allows: empty, `runtime/default`, `localhost/*`. */
function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/**
 * Upstream: the pod's and every container's securityContext.appArmorProfile.type must be `RuntimeDefault`
 * or `Localhost` when appArmorProfile is set, and the beta annotations `container.apparmor.security.beta.kubernetes.io/*`
 * must be empty, `runtime/default` or `localhost/*`. The field check was added to the v1.0 revision
 * itself (Kubernetes 1.30), so it applies at every policy version.
 */
function appArmorProfileV1Dot0(pod: PodView): Violation<AppArmorMessageId>[] {
  const violations: Violation<AppArmorMessageId>[] = [];
  for (const { pointer, securityContext, container } of securityContextsOf(pod)) {
    const profile = objectIn(securityContext, 'appArmorProfile');
    if (profile === undefined) continue;
    const type = stringOr(profile, 'type');
    if (ALLOWED_TYPES.has(type)) continue;
    const at = `${pointer}/appArmorProfile/type`;
    violations.push(container === undefined ? { pointer: at, messageId: 'podProfile', data: { type } } : { pointer: at, messageId: 'containerProfile', data: { type, container } });
  }
  for (const [key, value] of Object.entries(pod.annotations)) {
    if (!key.startsWith(ANNOTATION_PREFIX) || typeof value !== 'string' || allowedAnnotation(value)) continue;
    violations.push({ pointer: `${pod.metadataPointer}/annotations/${segment(key)}`, messageId: 'annotation', data: { key, value } });
  }
  return violations;
}

/** `appArmorProfile` (baseline, v1.0+). */
export const appArmorProfileCheck = defineCheck({ id: 'appArmorProfile', level: 'baseline', versions: [{ minimum: 0, checkPod: appArmorProfileV1Dot0 }] });
