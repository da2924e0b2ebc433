import { restrictedVolumesCheck } from '../pod-security/checks/restricted-volumes.ts';
import { definePodSecurityRule } from '../pod-security/rule.ts';

/** Pod Security Standards `restrictedVolumes` (restricted; replaces `hostPathVolumes` at that level). */
export const noRestrictedVolumeTypes = definePodSecurityRule(restrictedVolumesCheck, {
  id: 'K8S-0110',
  slug: 'no-restricted-volume-types',
  title: 'Pod uses a volume type outside the Restricted set',
  severity: 'medium',
  description:
    'The Restricted profile allows only volume types that cannot reach the node or bypass PersistentVolume controls: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. HostPath and direct network or cloud disks are forbidden.',
  remediation: 'Replace the volume with one of the allowed types, for example a PersistentVolumeClaim bound to a PersistentVolume for network storage.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://kubernetes.io/docs/concepts/storage/volumes/'],
  aliases: [{ tool: 'trivy', id: 'KSV028', relation: 'same' }],
  compliance: ['cis-k8s-1.9:5.2.12', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement'],
  cel: {
    kinds: 'pods',
    expression:
      'variables.podSpec.?volumes.orValue([]).all(v, !(!["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"].exists(s, s in v && v[s] != null) && ["hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos"].exists(s, s in v && v[s] != null)))',
    message:
      '"Volume(s) " + variables.podSpec.?volumes.orValue([]).filter(v, !["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"].exists(s, s in v && v[s] != null) && ["hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos"].exists(s, s in v && v[s] != null)).map(v, v.?name.orValue("")).join(", ") + " use a volume type the restricted level does not allow."',
  },
  messages: {
    volumeType: 'Volume "{volume}" must not use the restricted volume type {type} (PodSecurity "{policy}").',
  },
});
