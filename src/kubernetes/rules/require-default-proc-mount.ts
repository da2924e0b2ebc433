import { procMountRestrictedCheck } from '../pod-security/checks/proc-mount-restricted.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `procMount_restricted` (restricted, v1.35+). */
export const requireDefaultProcMount = definePodSecurityRule(procMountRestrictedCheck, {
  id: 'K8S-0113',
  slug: 'require-default-proc-mount',
  title: 'Container unmasks /proc under the Restricted profile',
  severity: 'high',
  description:
    'From policy v1.35 the Restricted profile keeps forbidding `procMount: Unmasked` even for pods in a user namespace, which Baseline allows; it replaces the Baseline `procMount` check at that level.',
  remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
  aliases: [{ tool: 'trivy', id: 'KSV027', relation: 'similar' }],
  compliance: ['nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.containers.all(c, c.?securityContext.?procMount.orValue(null) in [null, "Default"] || type(c.?securityContext.?procMount.orValue(null)) != string)',
    message:
      '"Container(s) " + variables.containers.filter(c, c.?securityContext.?procMount.orValue("Default") != "Default").map(c, c.?name.orValue("")).join(", ") + " must not set securityContext.procMount other than Default."',
  },
  messages: {
    procMount: 'Container "{container}" must not set securityContext.procMount to "{value}" (PodSecurity "{policy}").',
  },
});
