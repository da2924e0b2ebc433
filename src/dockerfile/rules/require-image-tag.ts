import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';

export const requireImageTag = defineRule<DockerfileArtifact, 'untagged'>({
  meta: {
    id: 'DKR-0001',
    slug: 'require-image-tag',
    title: 'Base image has no tag',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A FROM line without a tag or digest pulls whatever `latest` points to at build time, so two builds of the same Dockerfile can start from different base images.',
    remediation: 'Pin the base image to a version tag, or better to a digest (`image:tag@sha256:…`).',
    references: ['https://docs.docker.com/reference/dockerfile/#from', 'https://github.com/hadolint/hadolint/wiki/DL3006'],
    aliases: [
      { tool: 'hadolint', id: 'DL3006', relation: 'same' },
      { tool: 'trivy', id: 'DS001', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_DOCKER_7', relation: 'similar' },
    ],
    compliance: ['nist-800-190:4.1.5'],
    packs: [],
    messages: {
      untagged: 'Base image "{image}" has no tag or digest, so every build pulls whatever "latest" is at the time.',
    },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      const { from } = stage;
      if (from.kind !== 'image' || from.tag !== undefined || from.digest !== undefined) continue;
      context.report({ messageId: 'untagged', at: { range: from.nameRange }, data: { image: from.text } });
    }
  },
});
