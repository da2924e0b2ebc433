import { defineRule } from '../../core/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';

export const requireImageHealthcheck = defineRule<ImageConfigArtifact, 'missing' | 'disabled'>({
  meta: {
    id: 'IMG-0002',
    slug: 'require-image-healthcheck',
    title: 'Image has no health check',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'image-config',
    description:
      'Without a health check in the image config the engine only knows whether the process is alive, not whether it still serves; a hung container keeps receiving traffic and is never restarted.',
    remediation: 'Add a `HEALTHCHECK CMD <command>` to the Dockerfile that fails when the service stops answering, and rebuild the image.',
    references: ['https://docs.docker.com/reference/dockerfile/#healthcheck', 'https://github.com/opencontainers/image-spec/blob/main/config.md#properties'],
    aliases: [{ tool: 'trivy', id: 'DS026', relation: 'similar' }],
    compliance: ['cis-docker-1.6:4.6', 'nist-800-190:4.1.2'],
    packs: [],
    messages: {
      missing: 'The image config defines no Healthcheck.',
      disabled: 'The image config disables the health check (Healthcheck Test ["NONE"]).',
    },
  },
  check(context, artifact) {
    const { healthcheck } = artifact.config;
    if (healthcheck === undefined || healthcheck.test.length === 0) {
      context.report({ messageId: 'missing', at: { pointer: '/config/Healthcheck' } });
      return;
    }
    if (healthcheck.test[0] === 'NONE') context.report({ messageId: 'disabled', at: { pointer: `${healthcheck.pointer}/0` } });
  },
});
