import { runAsUserCheck } from '../pod-security/checks/run-as-user.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `runAsUser` (restricted, v1.23+). */
export const noRunAsRootUser = definePodSecurityRule(runAsUserCheck, {
  id: 'K8S-0111',
  slug: 'no-run-as-root-user',
  title: 'Pod or container runs as user ID 0',
  severity: 'medium',
  description:
    '`runAsUser: 0` runs the container\'s processes as root, whatever the image says; combined with `runAsNonRoot` it makes the pod fail at start, and without it the container is root.',
  remediation: 'Set `runAsUser` to a non-zero user ID, or remove it and give the image a numeric non-root `USER`.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  aliases: [],
  compliance: ['cis-k8s-1.9:5.2.7', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/non-root', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?hostUsers.orValue(true) == false || (variables.podSpec.?securityContext.?runAsUser.orValue(1) != 0 && variables.containers.all(c, c.?securityContext.?runAsUser.orValue(1) != 0))',
    message:
      '"Neither the pod nor any container may set securityContext.runAsUser=0."',
  },
  messages: {
    podRoot: 'The pod must not set securityContext.runAsUser=0 (PodSecurity "{policy}").',
    containerRoot: 'Container "{container}" must not set securityContext.runAsUser=0 (PodSecurity "{policy}").',
  },
});
