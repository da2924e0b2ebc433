import { runAsNonRootCheck } from '../pod-security/checks/run-as-non-root.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `runAsNonRoot` (restricted). */
export const requireRunAsNonRoot = definePodSecurityRule(runAsNonRootCheck, {
  id: 'K8S-0004',
  slug: 'require-run-as-non-root',
  title: 'Container may run as root',
  severity: 'medium',
  description:
    'Without `runAsNonRoot: true` on the pod or the container, the kubelet starts the container as whatever user its image names, often root, and a root process is one kernel bug away from the node.',
  remediation: 'Set `securityContext.runAsNonRoot: true` on the pod (or on each container), and give the image a numeric non-root `USER` or set `runAsUser`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
  aliases: [
    { tool: 'kube-linter', id: 'run-as-non-root', relation: 'similar' },
    { tool: 'checkov', id: 'CKV_K8S_23', relation: 'similar' },
    { tool: 'trivy', id: 'KSV012', relation: 'similar' },
    { tool: 'kubesec', id: 'RunAsNonRoot', relation: 'similar' },
  ],
  compliance: ['cis-k8s-1.9:5.2.7', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/non-root', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?hostUsers.orValue(true) == false || (variables.podSpec.?securityContext.?runAsNonRoot.orValue(null) != false && variables.containers.all(c, c.?securityContext.?runAsNonRoot.orValue(null) != false) && (variables.podSpec.?securityContext.?runAsNonRoot.orValue(null) == true || variables.containers.all(c, c.?securityContext.?runAsNonRoot.orValue(null) in [true, false])))',
    message:
      '"The pod or every container must set securityContext.runAsNonRoot=true (and none may set it to false)."',
  },
  messages: {
    podDisabled: 'The pod must not set securityContext.runAsNonRoot=false (PodSecurity "{policy}").',
    containerDisabled: 'Container "{container}" must not set securityContext.runAsNonRoot=false (PodSecurity "{policy}").',
    notSet: 'The pod or container "{container}" must set securityContext.runAsNonRoot=true (PodSecurity "{policy}").',
  },
});
