/**
 * kube-linter's built-in checks (https://github.com/stackrox/kube-linter, `pkg/builtinchecks/yamls/`),
 * for the compatibility page (docs/rules/kube-linter-compatibility.md). Which Palisade rule covers a
 * check is found through the rules' `kube-linter` aliases; `reason` says why a check has none.
 */
export interface KubeLinterCheck {
  readonly id: string;
  /** `documented`: one of the 63 built-in checks kube-linter 0.8 ships and documents; `newer`: added to its main branch since. */
  readonly status: 'documented' | 'newer';
  /** Why no Palisade rule covers the check (shown only when no rule has the alias). */
  readonly reason?: string;
}

const PSS = 'A Pod Security Standards control: the `pod-security` pack evaluates it.';
const RELIABILITY = 'Availability and operations practice, not a security control; out of scope.';
const CROSS_REFERENCE = 'Cross-object consistency check (dangling reference); not covered yet.';
const SCHEMA = 'API schema and deprecated versions: the schema validation pack reports it.';

export const KUBE_LINTER_CHECKS: readonly KubeLinterCheck[] = Object.freeze([
  { id: 'access-to-create-pods', status: 'documented', reason: 'CIS 5.1.4 is a manual control: creating workloads is the normal job of deployer roles, so a rule would flag every one; review such roles by hand.' },
  { id: 'access-to-secrets', status: 'documented' },
  { id: 'automount-service-account-token', status: 'newer' },
  { id: 'bind-verb-in-role', status: 'newer' },
  { id: 'cluster-admin-role-binding', status: 'documented' },
  { id: 'cluster-wide-secrets-access', status: 'newer' },
  { id: 'container-runtime-sock', status: 'newer' },
  { id: 'dangling-horizontalpodautoscaler', status: 'documented' },
  { id: 'dangling-ingress', status: 'documented' },
  { id: 'dangling-networkpolicy', status: 'documented', reason: CROSS_REFERENCE },
  { id: 'dangling-networkpolicypeer-podselector', status: 'documented', reason: CROSS_REFERENCE },
  { id: 'dangling-service', status: 'documented' },
  { id: 'dangling-servicemonitor', status: 'documented', reason: 'Prometheus-operator custom resource consistency; out of scope.' },
  { id: 'default-service-account', status: 'documented' },
  { id: 'deprecated-service-account-field', status: 'documented' },
  { id: 'dnsconfig-options', status: 'documented', reason: RELIABILITY },
  { id: 'docker-sock', status: 'documented' },
  { id: 'drop-net-raw-capability', status: 'documented', reason: `${PSS} (Restricted requires dropping ALL capabilities, NET_RAW included).` },
  { id: 'duplicate-env-var', status: 'documented' },
  { id: 'env-value-from', status: 'documented', reason: CROSS_REFERENCE },
  { id: 'env-var-secret', status: 'documented' },
  { id: 'escalate-verb-in-role', status: 'newer' },
  { id: 'exposed-services', status: 'documented' },
  { id: 'host-ipc', status: 'documented', reason: PSS },
  { id: 'host-network', status: 'documented', reason: PSS },
  { id: 'host-pid', status: 'documented', reason: PSS },
  { id: 'hpa-minimum-three-replicas', status: 'documented', reason: RELIABILITY },
  { id: 'image-not-pinned-by-digest', status: 'newer' },
  { id: 'impersonate-without-resource-names', status: 'newer' },
  { id: 'invalid-target-ports', status: 'documented', reason: 'Port name syntax (IANA service names); correctness, not covered yet.' },
  { id: 'job-ttl-seconds-after-finished', status: 'documented', reason: RELIABILITY },
  { id: 'latest-tag', status: 'documented' },
  { id: 'liveness-port', status: 'documented' },
  { id: 'minimum-three-replicas', status: 'documented', reason: RELIABILITY },
  { id: 'mismatching-selector', status: 'documented' },
  { id: 'no-anti-affinity', status: 'documented', reason: RELIABILITY },
  { id: 'no-extensions-v1beta', status: 'documented', reason: SCHEMA },
  { id: 'no-liveness-probe', status: 'documented' },
  { id: 'no-node-affinity', status: 'documented', reason: RELIABILITY },
  { id: 'no-read-only-root-fs', status: 'documented' },
  { id: 'no-readiness-probe', status: 'documented' },
  { id: 'no-rolling-update-strategy', status: 'documented', reason: RELIABILITY },
  { id: 'non-existent-service-account', status: 'documented' },
  { id: 'non-isolated-pod', status: 'documented' },
  { id: 'pdb-max-unavailable', status: 'documented', reason: RELIABILITY },
  { id: 'pdb-min-available', status: 'documented', reason: RELIABILITY },
  { id: 'pdb-unhealthy-pod-eviction-policy', status: 'documented', reason: RELIABILITY },
  { id: 'priority-class-name', status: 'documented', reason: RELIABILITY },
  { id: 'privilege-escalation-container', status: 'documented', reason: PSS },
  { id: 'privileged-container', status: 'documented', reason: PSS },
  { id: 'privileged-ports', status: 'documented', reason: 'Ports below 1024 inside the container need no privilege on current runtimes (net.ipv4.ip_unprivileged_port_start); host ports are a Pod Security Standards control.' },
  { id: 'read-secret-from-env-var', status: 'documented' },
  { id: 'readiness-port', status: 'documented' },
  { id: 'required-annotation-email', status: 'documented', reason: 'Organisation metadata convention; write a CEL policy for it.' },
  { id: 'required-label-owner', status: 'documented', reason: 'Organisation metadata convention; write a CEL policy for it.' },
  { id: 'restart-policy', status: 'documented', reason: RELIABILITY },
  { id: 'run-as-non-root', status: 'documented', reason: PSS },
  { id: 'scc-deny-privileged-container', status: 'documented' },
  { id: 'schema-validation', status: 'documented', reason: SCHEMA },
  { id: 'sensitive-host-mounts', status: 'documented' },
  { id: 'sorted-keys', status: 'documented', reason: 'YAML style (key order); out of scope.' },
  { id: 'ssh-port', status: 'documented', reason: 'A container port named 22 says little about security; the Dockerfile rule on exposed SSH ports covers the image side.' },
  { id: 'startup-port', status: 'documented' },
  { id: 'unsafe-proc-mount', status: 'documented', reason: PSS },
  { id: 'unsafe-sysctls', status: 'documented', reason: PSS },
  { id: 'unset-cpu-requirements', status: 'documented' },
  { id: 'unset-memory-requirements', status: 'documented' },
  { id: 'use-namespace', status: 'documented' },
  { id: 'wildcard-in-rules', status: 'documented' },
  { id: 'writable-host-mount', status: 'documented' },
]);
