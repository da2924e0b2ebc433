import type { CheckPod, PssCheck, VersionedCheck } from './check.ts';
import { allowPrivilegeEscalationCheck } from './checks/allow-privilege-escalation.ts';
import { appArmorProfileCheck } from './checks/app-armor-profile.ts';
import { capabilitiesBaselineCheck } from './checks/capabilities-baseline.ts';
import { capabilitiesRestrictedCheck } from './checks/capabilities-restricted.ts';
import { hostNamespacesCheck } from './checks/host-namespaces.ts';
import { hostPathVolumesCheck } from './checks/host-path-volumes.ts';
import { hostPortsCheck } from './checks/host-ports.ts';
import { hostProbesAndHostLifecycleCheck } from './checks/host-probes-and-host-lifecycle.ts';
import { privilegedCheck } from './checks/privileged.ts';
import { procMountCheck } from './checks/proc-mount.ts';
import { procMountRestrictedCheck } from './checks/proc-mount-restricted.ts';
import { restrictedVolumesCheck } from './checks/restricted-volumes.ts';
import { runAsNonRootCheck } from './checks/run-as-non-root.ts';
import { runAsUserCheck } from './checks/run-as-user.ts';
import { seLinuxOptionsCheck } from './checks/se-linux-options.ts';
import { seccompProfileBaselineCheck } from './checks/seccomp-profile-baseline.ts';
import { seccompProfileRestrictedCheck } from './checks/seccomp-profile-restricted.ts';
import { sysctlsCheck } from './checks/sysctls.ts';
import { windowsHostProcessCheck } from './checks/windows-host-process.ts';
import type { PssLevel } from './policy.ts';

/** Every check of the Pod Security Standards: baseline first, then restricted (upstream's evaluation order). */
export const PSS_CHECKS: readonly PssCheck[] = Object.freeze([
  appArmorProfileCheck,
  capabilitiesBaselineCheck,
  hostNamespacesCheck,
  hostPathVolumesCheck,
  hostPortsCheck,
  hostProbesAndHostLifecycleCheck,
  privilegedCheck,
  procMountCheck,
  seLinuxOptionsCheck,
  seccompProfileBaselineCheck,
  sysctlsCheck,
  windowsHostProcessCheck,
  allowPrivilegeEscalationCheck,
  capabilitiesRestrictedCheck,
  procMountRestrictedCheck,
  restrictedVolumesCheck,
  runAsNonRootCheck,
  runAsUserCheck,
  seccompProfileRestrictedCheck,
]);

/** The newest policy version any check defines: what `latest` (and any newer version) evaluates as. */
export const LATEST_MINOR = Math.max(...PSS_CHECKS.flatMap((check) => check.versions.map((version) => version.minimum)));

/** The revision of a check in force at a minor version (the newest one not newer than it). */
function revisionAt<MessageId extends string>(check: PssCheck<MessageId>, minor: number): VersionedCheck<MessageId> | undefined {
  return check.versions.findLast((version) => version.minimum <= minor);
}

/** True when a restricted check in force at `minor` replaces the baseline check `id` (upstream `OverrideCheckIDs`). */
function overriddenAt(id: string, minor: number): boolean {
  return PSS_CHECKS.some((check) => check.level === 'restricted' && (revisionAt(check, minor)?.overrides ?? []).includes(id));
}

/**
 * The function a check runs for a level and minor version, or undefined when the check does not apply:
 * privileged runs nothing, baseline runs the baseline checks, restricted runs the restricted checks
 * plus every baseline check no restricted check overrides at that version.
 */
export function checkPodAt<MessageId extends string>(check: PssCheck<MessageId>, level: PssLevel, minor: number): CheckPod<MessageId> | undefined {
  if (level === 'privileged' || (level === 'baseline' && check.level === 'restricted')) return undefined;
  if (level === 'restricted' && check.level === 'baseline' && overriddenAt(check.id, minor)) return undefined;
  return revisionAt(check, minor)?.checkPod;
}

/** Checks the registry's invariants as upstream `validateChecks` does; one line per problem. */
export function validateChecks(checks: readonly PssCheck[] = PSS_CHECKS): string[] {
  const problems: string[] = [];
  const levels = new Map<string, string>();
  for (const check of checks) {
    if (levels.has(check.id)) problems.push(`multiple checks registered for ID ${check.id}`);
    levels.set(check.id, check.level);
    if (check.versions.length === 0) problems.push(`check ${check.id}: empty`);
    check.versions.forEach((version, index) => {
      const previous = check.versions[index - 1];
      if (previous !== undefined && previous.minimum >= version.minimum) problems.push(`check ${check.id}: versions must be strictly increasing`);
    });
  }
  for (const check of checks) {
    for (const id of check.versions.flatMap((version) => version.overrides ?? [])) {
      if (check.level !== 'restricted') problems.push(`check ${check.id}: only restricted checks may set overrides`);
      if (levels.get(id) !== 'baseline') problems.push(`check ${check.id}: overrides ${id}, which is not a baseline check`);
    }
  }
  return problems;
}
