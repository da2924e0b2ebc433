import { capabilitiesRestrictedCheck } from '../pod-security/checks/capabilities-restricted.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `capabilities_restricted` (restricted, v1.22+). */
export const requireDropAllCapabilities = definePodSecurityRule(capabilitiesRestrictedCheck, {
  id: 'K8S-0101',
  slug: 'require-drop-all-capabilities',
  title: 'Container keeps Linux capabilities it does not need',
  severity: 'medium',
  description:
    'A container starts with the runtime\'s default capabilities unless it drops them. The Restricted profile requires every container to drop `ALL` and to add back at most `NET_BIND_SERVICE`.',
  remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only `NET_BIND_SERVICE` if the process binds a port below 1024.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container'],
  aliases: [{ tool: 'trivy', id: 'KSV003', relation: 'similar' }],
  compliance: ['cis-docker-1.6:5.4', 'cis-k8s-1.9:5.2.10', 'cis-k8s-1.9:5.2.8', 'cis-k8s-1.9:5.2.9', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?os.?name.orValue("") == "windows" || variables.containers.all(c, "ALL" in c.?securityContext.?capabilities.?drop.orValue([]) && c.?securityContext.?capabilities.?add.orValue([]).all(a, a == "NET_BIND_SERVICE"))',
    message:
      '"Container(s) " + variables.containers.filter(c, !("ALL" in c.?securityContext.?capabilities.?drop.orValue([])) || c.?securityContext.?capabilities.?add.orValue([]).exists(a, a != "NET_BIND_SERVICE")).map(c, c.?name.orValue("")).join(", ") + " must drop ALL capabilities and may add only NET_BIND_SERVICE."',
  },
  messages: {
    dropAll: 'Container "{container}" must set securityContext.capabilities.drop=["ALL"] (PodSecurity "{policy}").',
    added: 'Container "{container}" must not add capability "{capability}"; only NET_BIND_SERVICE may be added (PodSecurity "{policy}").',
  },
});
