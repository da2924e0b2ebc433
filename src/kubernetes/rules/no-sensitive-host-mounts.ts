import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, objectPath, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

/** Container runtime sockets: whoever can write to one controls every container of the node. */
const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'podman.sock', 'dockershim.sock'];

/** Host directories whose exposure hands over the node (kube-linter's list, plus the kubelet's and runtimes' state). */
const SENSITIVE_DIRECTORIES = new Set([
  '/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/root', '/run', '/var/run',
  '/etc/kubernetes', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/lib/etcd',
]);

interface Options {
  readonly additionalPaths: readonly string[];
}

export const noSensitiveHostMounts = defineRule<KubernetesObjectArtifact, 'runtimeSocket' | 'sensitiveDirectory', Options>({
  meta: {
    id: 'K8S-0032',
    slug: 'no-sensitive-host-mounts',
    title: 'Pod mounts a container runtime socket or a sensitive host directory',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A hostPath volume of the Docker, containerd or CRI-O socket lets the pod start privileged containers on the node; one of `/`, `/etc`, `/proc`, `/var/lib/kubelet` and similar directories exposes the node\'s credentials, configuration and processes. Either is a direct path from the pod to root on the node.',
    remediation: 'Remove the hostPath volume; use the Kubernetes API, a CSI driver or a purpose-built agent instead of the runtime socket or host directory.',
    references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    aliases: [
      { tool: 'kube-linter', id: 'docker-sock', relation: 'same' },
      { tool: 'kube-linter', id: 'container-runtime-sock', relation: 'same' },
      { tool: 'kube-linter', id: 'sensitive-host-mounts', relation: 'same' },
    ],
    compliance: ['cis-docker-1.6:5.32', 'cis-docker-1.6:5.6', 'cis-k8s-1.9:5.2.12', 'nist-800-190:4.4.3', 'nsa-cisa-k8s-1.2:pod-security/hardening-container-environments'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.podSpec.?volumes.orValue([]).all(v, !(has(v.hostPath) && has(v.hostPath.path) && ["/" + v.hostPath.path.split("/").filter(p, p != "" && p != ".").join("/")].all(n, ["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock", "dockershim.sock"].exists(s, n.endsWith("/" + s)) || n in ["/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/root", "/run", "/var/run", "/etc/kubernetes", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/var/lib/etcd"]) == true))',
      message:
        '"Volume(s) " + variables.podSpec.?volumes.orValue([]).filter(v, (has(v.hostPath) && has(v.hostPath.path) && ["/" + v.hostPath.path.split("/").filter(p, p != "" && p != ".").join("/")].all(n, ["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock", "dockershim.sock"].exists(s, n.endsWith("/" + s)) || n in ["/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/root", "/run", "/var/run", "/etc/kubernetes", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/var/lib/etcd"]) == true)).map(v, v.?name.orValue("")).join(", ") + " mount a sensitive host path or a container runtime socket."',
    },
    messages: {
      runtimeSocket: 'Volume "{volume}" mounts the container runtime socket "{path}" from the host.',
      sensitiveDirectory: 'Volume "{volume}" mounts the sensitive host directory "{path}".',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          additionalPaths: { type: 'array', items: { type: 'string', pattern: '^/' }, description: 'More host paths to report (exact absolute paths).' },
        },
      },
      defaults: { additionalPaths: [] },
    },
  },
  check(context, artifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    const extra = new Set(context.options.additionalPaths.map(normalise));
    arrayAt(pod.spec, 'volumes').forEach((volume, index) => {
      const path = isJsonObject(volume) ? stringAt(objectPath(volume, ['hostPath']) ?? {}, 'path') : undefined;
      if (path === undefined || !isJsonObject(volume)) return;
      const normalised = normalise(path);
      const messageId = RUNTIME_SOCKETS.some((socket) => normalised.endsWith(`/${socket}`)) ? 'runtimeSocket' : SENSITIVE_DIRECTORIES.has(normalised) || extra.has(normalised) ? 'sensitiveDirectory' : undefined;
      if (messageId === undefined) return;
      const data = { volume: stringAt(volume, 'name') ?? `volumes[${index}]`, path };
      context.report({ messageId, at: { pointer: `${pod.pointer}/volumes/${index}/hostPath/path` }, data });
    });
  },
});

/** `/etc/` and `//etc/./` are `/etc`; the root stays `/`. */
function normalise(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return `/${parts.join('/')}`;
}
