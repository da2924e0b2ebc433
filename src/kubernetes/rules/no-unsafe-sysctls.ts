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
  messages: {
    sysctl: 'The pod must not set sysctl "{name}": it is not in the safe set (PodSecurity "{policy}").',
  },
});
