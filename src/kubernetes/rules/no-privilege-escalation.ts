import { allowPrivilegeEscalationCheck } from '../pod-security/checks/allow-privilege-escalation.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `allowPrivilegeEscalation` (restricted). */
export const noPrivilegeEscalation = definePodSecurityRule(allowPrivilegeEscalationCheck, {
  id: 'K8S-0003',
  slug: 'no-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'medium',
  description:
    'Unless `allowPrivilegeEscalation` is false, a process in the container can gain more privileges than its parent, for example through a set-user-ID binary, which turns a foothold in the container into root inside it.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: [
    { tool: 'kube-linter', id: 'privilege-escalation-container', relation: 'same' },
    { tool: 'checkov', id: 'CKV_K8S_20', relation: 'same' },
    { tool: 'trivy', id: 'KSV001', relation: 'same' },
    { tool: 'kubesec', id: 'AllowPrivilegeEscalation', relation: 'similar' },
  ],
  compliance: ['cis-docker-1.6:5.26', 'cis-k8s-1.9:5.2.6', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?os.?name.orValue("") == "windows" || variables.containers.all(c, c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)',
    message:
      '"Container(s) " + variables.containers.filter(c, c.?securityContext.?allowPrivilegeEscalation.orValue(true) != false).map(c, c.?name.orValue("")).join(", ") + " must set securityContext.allowPrivilegeEscalation=false."',
  },
  messages: {
    allowed: 'Container "{container}" must set securityContext.allowPrivilegeEscalation=false, not true (PodSecurity "{policy}").',
    notDisabled: 'Container "{container}" must set securityContext.allowPrivilegeEscalation=false (PodSecurity "{policy}").',
  },
});
