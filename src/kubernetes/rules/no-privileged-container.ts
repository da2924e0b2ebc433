import { definePodSecurityRule } from '../pod-security/rule.ts';
import { privilegedCheck } from '../pod-security/checks/privileged.ts';

/** Pod Security Standards `privileged` (baseline). */
export const noPrivilegedContainer = definePodSecurityRule(privilegedCheck, {
  id: 'K8S-0001',
  slug: 'no-privileged-container',
  title: 'Container runs in privileged mode',
  severity: 'critical',
  description:
    'A privileged container gets every Linux capability and the host\'s devices, and most isolation between it and the node is switched off: a compromise of the container is a compromise of the node.',
  remediation: 'Remove `privileged: true` from the container\'s securityContext and grant only the specific capabilities it needs.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: [
    { tool: 'kube-linter', id: 'privileged-container', relation: 'same' },
    { tool: 'checkov', id: 'CKV_K8S_16', relation: 'same' },
    { tool: 'trivy', id: 'KSV017', relation: 'same' },
    { tool: 'kubesec', id: 'Privileged', relation: 'same' },
  ],
  compliance: ['cis-docker-1.6:5.5', 'cis-k8s-1.9:5.2.2', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.containers.all(c, c.?securityContext.?privileged.orValue(false) != true)',
    message:
      '"Container(s) " + variables.containers.filter(c, c.?securityContext.?privileged.orValue(false) == true).map(c, c.?name.orValue("")).join(", ") + " must not set securityContext.privileged=true."',
  },
  messages: {
    privileged: 'Container "{container}" must not set securityContext.privileged=true (PodSecurity "{policy}").',
  },
});
