import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

export const noHostPathVolumes = defineRule({
  meta: {
    id: 'K8S-0006',
    slug: 'no-host-path-volumes',
    title: 'Pod mounts a directory of the host',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A `hostPath` volume exposes a file or directory of the node to the pod. Depending on the path, that gives access to other pods\' data, credentials of the kubelet or the container runtime socket, which is a way out of the container.',
    remediation: 'Replace the `hostPath` volume with an `emptyDir`, a ConfigMap, a Secret or a PersistentVolumeClaim.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
    aliases: [
      { tool: 'pss', id: 'hostPathVolumes', relation: 'same' },
      { tool: 'trivy', id: 'KSV023', relation: 'same' },
      { tool: 'kube-linter', id: 'sensitive-host-mounts', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.2.12', 'nist-800-190:4.4.3'],
    packs: ['pss-baseline', 'pss-restricted'],
    messages: {
      hostPath: 'Volume "{volume}" mounts the host path "{path}".',
      hostPathWithoutPath: 'Volume "{volume}" is a hostPath volume.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    arrayAt(pod.spec, 'volumes').forEach((volume, index) => {
      const hostPath = isJsonObject(volume) ? objectAt(volume, 'hostPath') : undefined;
      if (!isJsonObject(volume) || hostPath === undefined) return;
      const pointer = `${pod.pointer}/volumes/${index}/hostPath`;
      const path = stringAt(hostPath, 'path');
      const name = stringAt(volume, 'name') ?? `volumes[${index}]`;
      if (path === undefined) context.report({ messageId: 'hostPathWithoutPath', at: { pointer }, data: { volume: name } });
      else context.report({ messageId: 'hostPath', at: { pointer: `${pointer}/path` }, data: { volume: name, path } });
    });
  },
});
