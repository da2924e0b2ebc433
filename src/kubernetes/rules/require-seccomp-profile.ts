import { seccompProfileRestrictedCheck } from '../pod-security/checks/seccomp-profile-restricted.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `seccompProfile_restricted` (restricted, v1.19+). */
export const requireSeccompProfile = definePodSecurityRule(seccompProfileRestrictedCheck, {
  id: 'K8S-0112',
  slug: 'require-seccomp-profile',
  title: 'Container runs without a seccomp profile',
  severity: 'medium',
  description:
    'Without a seccomp profile a container may call every system call of the node\'s kernel. The Restricted profile requires `RuntimeDefault` or `Localhost`, on the pod or on every container.',
  remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a profile), or on each container.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/tutorials/security/seccomp/'],
  aliases: [{ tool: 'trivy', id: 'KSV030', relation: 'similar' }],
  compliance: ['cis-docker-1.6:5.22', 'cis-k8s-1.9:5.7.2', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/hardening-container-environments', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?os.?name.orValue("") == "windows" || ((variables.podSpec.?securityContext.?seccompProfile.orValue(null) == null || variables.podSpec.?securityContext.?seccompProfile.?type.orValue("") in ["RuntimeDefault", "Localhost"]) && variables.containers.all(c, (c.?securityContext.?seccompProfile.orValue(null) != null ? c.?securityContext.?seccompProfile.?type.orValue("") in ["RuntimeDefault", "Localhost"] : (variables.podSpec.?securityContext.?seccompProfile.orValue(null) != null && variables.podSpec.?securityContext.?seccompProfile.?type.orValue("") in ["RuntimeDefault", "Localhost"]))))',
    message:
      '"The pod or every container must set securityContext.seccompProfile.type to RuntimeDefault or Localhost."',
  },
  messages: {
    podProfile: 'The pod must not set securityContext.seccompProfile.type to "{type}"; use RuntimeDefault or Localhost (PodSecurity "{policy}").',
    containerProfile: 'Container "{container}" must not set securityContext.seccompProfile.type to "{type}"; use RuntimeDefault or Localhost (PodSecurity "{policy}").',
    notSet: 'The pod or container "{container}" must set securityContext.seccompProfile.type to RuntimeDefault or Localhost (PodSecurity "{policy}").',
  },
});
