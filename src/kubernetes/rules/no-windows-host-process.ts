import { windowsHostProcessCheck } from '../pod-security/checks/windows-host-process.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `windowsHostProcess` (baseline). */
export const noWindowsHostProcess = definePodSecurityRule(windowsHostProcessCheck, {
  id: 'K8S-0108',
  slug: 'no-windows-host-process',
  title: 'Pod runs a Windows HostProcess container',
  severity: 'critical',
  description:
    'A Windows HostProcess container runs directly on the node, with the node\'s network and file system and the privileges of a host account: it is the Windows counterpart of a privileged container.',
  remediation: 'Remove `securityContext.windowsOptions.hostProcess: true` from the pod and its containers.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/'],
  aliases: [],
  compliance: ['cis-k8s-1.9:5.2.11', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?securityContext.?windowsOptions.?hostProcess.orValue(false) != true && variables.containers.all(c, c.?securityContext.?windowsOptions.?hostProcess.orValue(false) != true)',
    message:
      '"Neither the pod nor any container may set securityContext.windowsOptions.hostProcess=true."',
  },
  messages: {
    podHostProcess: 'The pod must not set securityContext.windowsOptions.hostProcess=true (PodSecurity "{policy}").',
    containerHostProcess: 'Container "{container}" must not set securityContext.windowsOptions.hostProcess=true (PodSecurity "{policy}").',
  },
});
