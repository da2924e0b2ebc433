import { capabilitiesBaselineCheck } from '../pod-security/checks/capabilities-baseline.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `capabilities_baseline` (baseline; restricted uses `capabilities_restricted` from v1.22). */
export const noNonDefaultCapabilities = definePodSecurityRule(capabilitiesBaselineCheck, {
  id: 'K8S-0100',
  slug: 'no-non-default-capabilities',
  title: 'Container adds a capability beyond the runtime\'s default set',
  severity: 'high',
  description:
    'Capabilities such as `SYS_ADMIN`, `NET_ADMIN`, `NET_RAW` or `SYS_PTRACE` give a container powers over the node\'s kernel, network or other processes; the Baseline profile allows adding only the thirteen capabilities container runtimes grant by default.',
  remediation: 'Remove the capability from `securityContext.capabilities.add`; keep only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID or SYS_CHROOT.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container'],
  aliases: [{ tool: 'trivy', id: 'KSV022', relation: 'same' }],
  compliance: ['cis-docker-1.6:5.4', 'cis-k8s-1.9:5.2.8', 'cis-k8s-1.9:5.2.9', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  messages: {
    nonDefault: 'Container "{container}" must not add capability "{capability}": it is not in the default set (PodSecurity "{policy}").',
  },
});
