import { sysctlsCheck } from '../pod-security/checks/sysctls.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `sysctls` (baseline). */
export const noUnsafeSysctls = definePodSecurityRule(sysctlsCheck, {
  id: 'K8S-0107',
  slug: 'no-unsafe-sysctls',
  title: 'Pod sets a sysctl outside the safe set',
  severity: 'medium',
  description:
    'Sysctls outside the safe set are not isolated between pods: they can change the node\'s kernel for every pod on it or switch off security mechanisms. The safe set grows with the policy version (v1.27, v1.29, v1.32, v1.37).',
  remediation: 'Remove the sysctl from `securityContext.sysctls`, or set it on the node and keep pods that need it in a namespace with a Privileged policy.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
  aliases: [{ tool: 'trivy', id: 'KSV026', relation: 'same' }],
  compliance: ['nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?securityContext.?sysctls.orValue([]).all(s, s.?name.orValue("") in ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"])',
    message:
      '"Sysctl(s) " + variables.podSpec.?securityContext.?sysctls.orValue([]).filter(s, !(s.?name.orValue("") in ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"])).map(s, s.?name.orValue("")).join(", ") + " are not in the safe set."',
  },
  messages: {
    sysctl: 'The pod must not set sysctl "{name}": it is not in the safe set (PodSecurity "{policy}").',
  },
});
