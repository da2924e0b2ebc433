import { seccompProfileBaselineCheck } from '../pod-security/checks/seccomp-profile-baseline.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `seccompProfile_baseline` (baseline; restricted uses `seccompProfile_restricted` from v1.19). */
export const noUnconfinedSeccompProfile = definePodSecurityRule(seccompProfileBaselineCheck, {
  id: 'K8S-0106',
  slug: 'no-unconfined-seccomp-profile',
  title: 'Pod or container disables seccomp',
  severity: 'medium',
  description:
    'A seccomp profile of type `Unconfined` lets the container call every system call of the node\'s kernel, including the ones container escapes use. Before policy v1.19 the same applies to the alpha seccomp annotations.',
  remediation: 'Set `securityContext.seccompProfile.type` to `RuntimeDefault` or `Localhost`, or remove it.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tutorials/security/seccomp/'],
  aliases: [],
  compliance: ['cis-docker-1.6:5.22', 'cis-k8s-1.9:5.7.2', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/hardening-container-environments', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  messages: {
    podProfile: 'The pod must not set securityContext.seccompProfile.type to "{type}" (PodSecurity "{policy}").',
    containerProfile: 'Container "{container}" must not set securityContext.seccompProfile.type to "{type}" (PodSecurity "{policy}").',
    annotation: 'Annotation {key}="{value}" is forbidden; use runtime/default or localhost/<profile> (PodSecurity "{policy}").',
  },
});
