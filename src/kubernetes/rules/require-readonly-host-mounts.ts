import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const requireReadonlyHostMounts = defineRule({
  meta: {
    id: 'K8S-0033',
    slug: 'require-readonly-host-mounts',
    title: 'Container mounts a host path writable',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A hostPath volume mounted without `readOnly: true` lets the container change files on the node: plant binaries or configuration that the node or other pods will run, fill the node\'s disk, or tamper with logs.',
    remediation: 'Set `readOnly: true` on every volumeMount of a hostPath volume the container only needs to read; move writable data to an emptyDir or a persistent volume.',
    references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'https://kubernetes.io/docs/concepts/storage/volumes/#read-only-mounts'],
    aliases: [{ tool: 'kube-linter', id: 'writable-host-mount', relation: 'same' }],
    compliance: ['cis-k8s-1.9:5.2.12', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/immutable-filesystems'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        '[variables.podSpec.?volumes.orValue([]).filter(v, has(v.hostPath) && has(v.name)).map(v, v.name)].all(hp, variables.containers.all(c, c.?volumeMounts.orValue([]).all(m, m.?readOnly.orValue(false) == true || !(m.?name.orValue("") in hp))))',
      message:
        '"Every mount of a hostPath volume must set readOnly: true."',
    },
    messages: {
      writableHostMount: 'Container "{container}" mounts hostPath volume "{volume}" ({path}) writable at "{mountPath}".',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    const hostPaths = new Map<string, string>();
    for (const volume of arrayAt(pod.spec, 'volumes')) {
      const hostPath = isJsonObject(volume) ? objectAt(volume, 'hostPath') : undefined;
      const name = isJsonObject(volume) ? stringAt(volume, 'name') : undefined;
      if (hostPath !== undefined && name !== undefined) hostPaths.set(name, stringAt(hostPath, 'path') ?? '');
    }
    if (hostPaths.size === 0) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      arrayAt(container, 'volumeMounts').forEach((mount, index) => {
        if (!isJsonObject(mount) || mount['readOnly'] === true) return;
        const volume = stringAt(mount, 'name') ?? '';
        const path = hostPaths.get(volume);
        if (path === undefined) return;
        const data = { container: name, volume, path, mountPath: stringAt(mount, 'mountPath') ?? '' };
        context.report({ messageId: 'writableHostMount', at: { pointer: `${pointer}/volumeMounts/${index}/readOnly` }, data });
      });
    }
  },
});
