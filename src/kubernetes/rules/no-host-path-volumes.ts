import { hostPathVolumesCheck } from '../pod-security/checks/host-path-volumes.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `hostPathVolumes` (baseline; at the restricted level `restrictedVolumes` reports hostPath instead). */
export const noHostPathVolumes = definePodSecurityRule(hostPathVolumesCheck, {
  id: 'K8S-0006',
  slug: 'no-host-path-volumes',
  title: 'Pod mounts a directory of the host',
  severity: 'high',
  description:
    'A `hostPath` volume exposes a file or directory of the node to the pod. Depending on the path, that gives access to other pods\' data, credentials of the kubelet or the container runtime socket, which is a way out of the container.',
  remediation: 'Replace the `hostPath` volume with an `emptyDir`, a ConfigMap, a Secret or a PersistentVolumeClaim.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  aliases: [
    { tool: 'trivy', id: 'KSV023', relation: 'same' },
    { tool: 'kube-linter', id: 'sensitive-host-mounts', relation: 'similar' },
  ],
  compliance: ['cis-k8s-1.9:5.2.12', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  messages: {
    hostPath: 'Volume "{volume}" must not be a hostPath volume (PodSecurity "{policy}").',
  },
});
