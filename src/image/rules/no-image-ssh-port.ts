import { defineRule } from '../../core/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';

/** `22`, `22/tcp` (the protocol defaults to tcp); not `22/udp`. */
function isSshPort(port: string): boolean {
  const [number, protocol = 'tcp'] = port.trim().toLowerCase().split('/');
  return number === '22' && protocol === 'tcp';
}

export const noImageSshPort = defineRule<ImageConfigArtifact, 'ssh'>({
  meta: {
    id: 'IMG-0003',
    slug: 'no-image-ssh-port',
    title: 'Image exposes the SSH port',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'image-config',
    description:
      'An image that exposes port 22/tcp usually runs an SSH server: one more service to patch and a way in that bypasses the orchestrator\'s access control and audit log.',
    remediation: 'Remove `EXPOSE 22` and the SSH server from the image; use `docker exec` or `kubectl exec` (or a debug container) to get a shell.',
    references: ['https://docs.docker.com/reference/dockerfile/#expose', 'https://github.com/opencontainers/image-spec/blob/main/config.md#properties'],
    aliases: [{ tool: 'trivy', id: 'DS004', relation: 'similar' }],
    compliance: ['nist-800-190:4.1.2'],
    packs: [],
    messages: {
      ssh: 'The image config exposes port {port}, the SSH port.',
    },
  },
  check(context, artifact) {
    for (const { port, pointer } of artifact.config.exposedPorts) {
      if (!isSshPort(port)) continue;
      const range = artifact.keyRange(pointer);
      context.report({ messageId: 'ssh', at: range === undefined ? { pointer } : { range }, data: { port } });
    }
  },
});
