import type { Rule } from '../../core/index.ts';
import { noAnonymousBinding } from './no-anonymous-binding.ts';
import { noAutomountedToken } from './no-automounted-token.ts';
import { noClusterAdminBinding } from './no-cluster-admin-binding.ts';
import { noCommittedSecrets } from './no-committed-secrets.ts';
import { noCustomSelinuxOptions } from './no-custom-selinux-options.ts';
import { noDanglingReferences } from './no-dangling-references.ts';
import { noDefaultNamespace } from './no-default-namespace.ts';
import { noDefaultServiceAccount } from './no-default-service-account.ts';
import { noDeprecatedApiVersion } from './no-deprecated-api-version.ts';
import { noDeprecatedServiceAccountField } from './no-deprecated-service-account-field.ts';
import { noDuplicateEnvVars } from './no-duplicate-env-vars.ts';
import { noHostNamespaces } from './no-host-namespaces.ts';
import { noHostPathVolumes } from './no-host-path-volumes.ts';
import { noHostPorts } from './no-host-ports.ts';
import { noLatestImageTag } from './no-latest-image-tag.ts';
import { noLoadbalancerService } from './no-loadbalancer-service.ts';
import { noNodeportService } from './no-nodeport-service.ts';
import { noNonDefaultCapabilities } from './no-non-default-capabilities.ts';
import { noPrivilegeEscalation } from './no-privilege-escalation.ts';
import { noPrivilegedContainer } from './no-privileged-container.ts';
import { noPrivilegedScc } from './no-privileged-scc.ts';
import { noProbeOrLifecycleHost } from './no-probe-or-lifecycle-host.ts';
import { noRbacEscalationVerbs } from './no-rbac-escalation-verbs.ts';
import { noRbacNodeProxy } from './no-rbac-node-proxy.ts';
import { noRbacPodExec } from './no-rbac-pod-exec.ts';
import { noRbacSecretRead } from './no-rbac-secret-read.ts';
import { noRbacWildcards } from './no-rbac-wildcards.ts';
import { noRemovedApiVersion } from './no-removed-api-version.ts';
import { noRestrictedVolumeTypes } from './no-restricted-volume-types.ts';
import { noRunAsRootUser } from './no-run-as-root-user.ts';
import { noSecretEnvValues } from './no-secret-env-values.ts';
import { noSensitiveHostMounts } from './no-sensitive-host-mounts.ts';
import { noUnconfinedApparmorProfile } from './no-unconfined-apparmor-profile.ts';
import { noUnconfinedSeccompProfile } from './no-unconfined-seccomp-profile.ts';
import { noUnmaskedProcMount } from './no-unmasked-proc-mount.ts';
import { noUnsafeSysctls } from './no-unsafe-sysctls.ts';
import { noWindowsHostProcess } from './no-windows-host-process.ts';
import { requireDefaultProcMount } from './require-default-proc-mount.ts';
import { requireDropAllCapabilities } from './require-drop-all-capabilities.ts';
import { requireImageDigest } from './require-image-digest.ts';
import { requireImagePullAlways } from './require-image-pull-always.ts';
import { requireIngressTls } from './require-ingress-tls.ts';
import { requireKnownSchema } from './require-known-schema.ts';
import { requireLivenessProbe } from './require-liveness-probe.ts';
import { requireNetworkPolicy } from './require-network-policy.ts';
import { requireProbePorts } from './require-probe-ports.ts';
import { requireReadinessProbe } from './require-readiness-probe.ts';
import { requireReadonlyHostMounts } from './require-readonly-host-mounts.ts';
import { requireReadonlyRootFilesystem } from './require-readonly-root-filesystem.ts';
import { requireResourceLimits } from './require-resource-limits.ts';
import { requireResourceRequests } from './require-resource-requests.ts';
import { requireRunAsNonRoot } from './require-run-as-non-root.ts';
import { requireSeccompProfile } from './require-seccomp-profile.ts';
import { requireSelectorMatch } from './require-selector-match.ts';
import { requireTrustedRegistry } from './require-trusted-registry.ts';
import { requireValidCustomResource } from './require-valid-custom-resource.ts';
import { requireValidSchema } from './require-valid-schema.ts';
import { useSecretVolumes } from './use-secret-volumes.ts';

/** Every Kubernetes rule, sorted by slug. */
export const kubernetesRules: readonly Rule[] = Object.freeze([
  noAnonymousBinding,
  noAutomountedToken,
  noClusterAdminBinding,
  noCommittedSecrets,
  noCustomSelinuxOptions,
  noDanglingReferences,
  noDefaultNamespace,
  noDefaultServiceAccount,
  noDeprecatedApiVersion,
  noDeprecatedServiceAccountField,
  noDuplicateEnvVars,
  noHostNamespaces,
  noHostPathVolumes,
  noHostPorts,
  noLatestImageTag,
  noLoadbalancerService,
  noNodeportService,
  noNonDefaultCapabilities,
  noPrivilegeEscalation,
  noPrivilegedContainer,
  noPrivilegedScc,
  noProbeOrLifecycleHost,
  noRbacEscalationVerbs,
  noRbacNodeProxy,
  noRbacPodExec,
  noRbacSecretRead,
  noRbacWildcards,
  noRemovedApiVersion,
  noRestrictedVolumeTypes,
  noRunAsRootUser,
  noSecretEnvValues,
  noSensitiveHostMounts,
  noUnconfinedApparmorProfile,
  noUnconfinedSeccompProfile,
  noUnmaskedProcMount,
  noUnsafeSysctls,
  noWindowsHostProcess,
  requireDefaultProcMount,
  requireDropAllCapabilities,
  requireImageDigest,
  requireImagePullAlways,
  requireIngressTls,
  requireKnownSchema,
  requireLivenessProbe,
  requireNetworkPolicy,
  requireProbePorts,
  requireReadinessProbe,
  requireReadonlyHostMounts,
  requireReadonlyRootFilesystem,
  requireResourceLimits,
  requireResourceRequests,
  requireRunAsNonRoot,
  requireSeccompProfile,
  requireSelectorMatch,
  requireTrustedRegistry,
  requireValidCustomResource,
  requireValidSchema,
  useSecretVolumes,
]);
