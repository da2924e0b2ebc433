import { procMountCheck } from '../pod-security/checks/proc-mount.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `procMount` (baseline; restricted uses `procMount_restricted` from v1.35). */
export const noUnmaskedProcMount = definePodSecurityRule(procMountCheck, {
  id: 'K8S-0105',
  slug: 'no-unmasked-proc-mount',
  title: 'Container unmasks /proc',
  severity: 'high',
  description:
    'The runtime masks sensitive parts of `/proc` in every container. `procMount: Unmasked` removes those masks and exposes kernel interfaces of the node to the container; from policy v1.35 Baseline allows it only for pods in a user namespace (`hostUsers: false`).',
  remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
  aliases: [{ tool: 'trivy', id: 'KSV027', relation: 'same' }],
  compliance: ['nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  messages: {
    procMount: 'Container "{container}" must not set securityContext.procMount to "{value}" (PodSecurity "{policy}").',
  },
});
