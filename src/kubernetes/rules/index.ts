import type { Rule } from '../../core/index.ts';
import { noClusterAdminBinding } from './no-cluster-admin-binding.ts';
import { noDefaultServiceAccount } from './no-default-service-account.ts';
import { noHostNamespaces } from './no-host-namespaces.ts';
import { noHostPathVolumes } from './no-host-path-volumes.ts';
import { noLatestImageTag } from './no-latest-image-tag.ts';
import { noNodeportService } from './no-nodeport-service.ts';
import { noPrivilegeEscalation } from './no-privilege-escalation.ts';
import { noPrivilegedContainer } from './no-privileged-container.ts';
import { noRbacWildcards } from './no-rbac-wildcards.ts';
import { requireIngressTls } from './require-ingress-tls.ts';
import { requireReadonlyRootFilesystem } from './require-readonly-root-filesystem.ts';
import { requireResourceLimits } from './require-resource-limits.ts';
import { requireRunAsNonRoot } from './require-run-as-non-root.ts';

/** Every Kubernetes rule, sorted by slug. */
export const kubernetesRules: readonly Rule[] = Object.freeze([
  noClusterAdminBinding,
  noDefaultServiceAccount,
  noHostNamespaces,
  noHostPathVolumes,
  noLatestImageTag,
  noNodeportService,
  noPrivilegeEscalation,
  noPrivilegedContainer,
  noRbacWildcards,
  requireIngressTls,
  requireReadonlyRootFilesystem,
  requireResourceLimits,
  requireRunAsNonRoot,
]);
