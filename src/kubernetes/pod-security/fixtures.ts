/**
 * Test fixtures in pod-security-admission's manner: one minimal pod that passes the restricted level
 * at every version, and small tweaks that each break (or relax) one control.
 */
import type { JsonObject } from '../json.ts';
import type { PodView } from './pod.ts';
import { podViewOf } from './pod.ts';
import type { PssLevel } from './policy.ts';
import { resolveMinor } from './policy.ts';
import { LATEST_MINOR, PSS_CHECKS, checkPodAt } from './registry.ts';

/** Changes to the minimal pod; each security context is merged over the minimal one (a key set to undefined removes it). */
export interface Tweak {
  readonly spec?: JsonObject;
  readonly podSecurityContext?: JsonObject;
  readonly annotations?: JsonObject;
  /** Merged into the securityContext of `containers[0]` ("c"). */
  readonly container?: JsonObject;
  /** Other fields of `containers[0]` ("c"). */
  readonly containerFields?: JsonObject;
  /** Merged into the securityContext of `initContainers[0]` ("init"). */
  readonly initContainer?: JsonObject;
  /** When given, adds `ephemeralContainers[0]` ("debug") with the minimal securityContext merged with this one. */
  readonly ephemeralContainer?: JsonObject;
}

const RESTRICTED_CONTAINER: JsonObject = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

/** The minimal pod with a tweak applied. */
export function tweakedPod(tweak: Tweak = {}): JsonObject {
  const ephemeral = tweak.ephemeralContainer === undefined ? {} : { ephemeralContainers: [{ name: 'debug', image: 'busybox', securityContext: { ...RESTRICTED_CONTAINER, ...tweak.ephemeralContainer } }] };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod', annotations: { ...tweak.annotations } },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...tweak.podSecurityContext },
      initContainers: [{ name: 'init', image: 'busybox', securityContext: { ...RESTRICTED_CONTAINER, ...tweak.initContainer } }],
      containers: [{ name: 'c', image: 'busybox', ...tweak.containerFields, securityContext: { ...RESTRICTED_CONTAINER, ...tweak.container } }],
      ...ephemeral,
      ...tweak.spec,
    },
  };
}

function viewOf(object: JsonObject): PodView {
  const view = podViewOf(object);
  if (view === undefined) throw new Error('fixture is not a pod');
  return view;
}

/** Every check that fails at a level and version (`latest` or `v1.N`), with the pointers it reports. */
export function failingChecks(object: JsonObject, level: PssLevel, version: string): Record<string, string[]> {
  const pod = viewOf(object);
  const minor = resolveMinor(version, LATEST_MINOR);
  const failing: Record<string, string[]> = {};
  for (const check of PSS_CHECKS) {
    const pointers = (checkPodAt(check, level, minor)?.(pod) ?? []).map((violation) => violation.pointer);
    if (pointers.length > 0) failing[check.id] = pointers;
  }
  return failing;
}
