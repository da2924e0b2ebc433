import { hostNamespacesCheck } from '../pod-security/checks/host-namespaces.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `hostNamespaces` (baseline). */
export const noHostNamespaces = definePodSecurityRule(hostNamespacesCheck, {
  id: 'K8S-0005',
  slug: 'no-host-namespaces',
  title: 'Pod shares a namespace of the host',
  severity: 'high',
  description:
    'A pod with `hostNetwork`, `hostPID` or `hostIPC` shares that namespace with the node: it can reach services bound to the node\'s loopback, see and signal every process on the node, or read other processes\' shared memory.',
  remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to false) and expose what the pod needs through Services and volumes.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  aliases: [
    { tool: 'kube-linter', id: 'host-network', relation: 'similar' },
    { tool: 'kube-linter', id: 'host-pid', relation: 'similar' },
    { tool: 'kube-linter', id: 'host-ipc', relation: 'similar' },
    { tool: 'checkov', id: 'CKV_K8S_19', relation: 'similar' },
    { tool: 'checkov', id: 'CKV_K8S_17', relation: 'similar' },
    { tool: 'checkov', id: 'CKV_K8S_18', relation: 'similar' },
    { tool: 'trivy', id: 'KSV009', relation: 'similar' },
    { tool: 'trivy', id: 'KSV010', relation: 'similar' },
    { tool: 'trivy', id: 'KSV008', relation: 'similar' },
  ],
  compliance: ['cis-docker-1.6:5.10', 'cis-docker-1.6:5.16', 'cis-docker-1.6:5.17', 'cis-k8s-1.9:5.2.3', 'cis-k8s-1.9:5.2.4', 'cis-k8s-1.9:5.2.5', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?hostNetwork.orValue(false) != true && variables.podSpec.?hostPID.orValue(false) != true && variables.podSpec.?hostIPC.orValue(false) != true',
    message:
      '"The pod must not share the host namespaces: " + ["hostNetwork", "hostPID", "hostIPC"].filter(f, f in variables.podSpec && variables.podSpec[f] == true).join(", ") + "."',
  },
  messages: {
    hostNetwork: 'The pod must not set hostNetwork=true: it would share the host\'s network namespace (PodSecurity "{policy}").',
    hostPID: 'The pod must not set hostPID=true: it would share the host\'s process ID namespace (PodSecurity "{policy}").',
    hostIPC: 'The pod must not set hostIPC=true: it would share the host\'s IPC namespace (PodSecurity "{policy}").',
  },
});
