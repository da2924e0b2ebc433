import { seLinuxOptionsCheck } from '../pod-security/checks/se-linux-options.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `seLinuxOptions` (baseline). */
export const noCustomSelinuxOptions = definePodSecurityRule(seLinuxOptionsCheck, {
  id: 'K8S-0104',
  slug: 'no-custom-selinux-options',
  title: 'Pod or container sets a custom SELinux type, user or role',
  severity: 'medium',
  description:
    'A custom SELinux type, user or role can give the container a label that escapes the container policy, for example a type allowed to write host files.',
  remediation: 'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and set `seLinuxOptions.type` only to container_t, container_init_t, container_kvm_t or (from v1.31) container_engine_t.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container'],
  aliases: [{ tool: 'trivy', id: 'KSV025', relation: 'same' }],
  compliance: ['cis-docker-1.6:5.3', 'cis-k8s-1.9:5.7.3', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/hardening-container-environments', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      '(variables.podSpec.?securityContext.?seLinuxOptions.orValue(null) == null || (variables.podSpec.?securityContext.?seLinuxOptions.?type.orValue("") in ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"] && variables.podSpec.?securityContext.?seLinuxOptions.?user.orValue("") == "" && variables.podSpec.?securityContext.?seLinuxOptions.?role.orValue("") == "")) && variables.containers.all(c, (c.?securityContext.?seLinuxOptions.orValue(null) == null || (c.?securityContext.?seLinuxOptions.?type.orValue("") in ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"] && c.?securityContext.?seLinuxOptions.?user.orValue("") == "" && c.?securityContext.?seLinuxOptions.?role.orValue("") == "")))',
    message:
      '"seLinuxOptions may set only an allowed type (container_t, container_init_t, container_kvm_t, container_engine_t), and no user or role."',
  },
  messages: {
    type: '{setter} must not set securityContext.seLinuxOptions.type to "{value}" (PodSecurity "{policy}").',
    user: '{setter} must not set securityContext.seLinuxOptions.user ("{value}") (PodSecurity "{policy}").',
    role: '{setter} must not set securityContext.seLinuxOptions.role ("{value}") (PodSecurity "{policy}").',
  },
});
