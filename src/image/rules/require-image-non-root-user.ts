import { defineRule } from '../../core/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';

/** `root`, `0`, `root:…`, `0:…` (the user part decides; a group alone does not make root). */
function isRootUser(user: string): boolean {
  const name = user.split(':', 1)[0]?.trim() ?? '';
  return name === 'root' || name === '0';
}

export const requireImageNonRootUser = defineRule<ImageConfigArtifact, 'missing' | 'root'>({
  meta: {
    id: 'IMG-0001',
    slug: 'require-image-non-root-user',
    title: 'Image runs as root',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'image-config',
    description:
      'An image whose config names no user, or names root, starts its process as uid 0. A compromised process then has root in the container, which turns many kernel or runtime flaws and mounted host paths into a host compromise.',
    remediation: 'Create an unprivileged user in the image and set it as the default (`USER 10001:10001` in the Dockerfile), so the config records a non-root `User`.',
    references: ['https://docs.docker.com/reference/dockerfile/#user', 'https://github.com/opencontainers/image-spec/blob/main/config.md#properties'],
    aliases: [{ tool: 'trivy', id: 'DS002', relation: 'similar' }],
    compliance: ['cis-docker-1.6:4.1', 'nist-800-190:4.1.2'],
    packs: [],
    messages: {
      missing: 'The image config sets no User, so the container runs as root.',
      root: 'The image config sets User "{user}", so the container runs as root.',
    },
  },
  check(context, artifact) {
    const { user } = artifact.config;
    if (user === undefined || user.trim() === '') {
      context.report({ messageId: 'missing', at: { pointer: '/config/User' } });
      return;
    }
    if (isRootUser(user)) context.report({ messageId: 'root', at: { pointer: '/config/User' }, data: { user } });
  },
});
