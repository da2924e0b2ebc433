import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';

export const noLatestTag = defineRule<DockerfileArtifact, 'latestTag'>({
  meta: {
    id: 'DKR-0002',
    slug: 'no-latest-tag',
    title: 'Base image uses the latest tag',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'The `latest` tag moves whenever the publisher pushes a new image, so the base of the build changes without any change to the Dockerfile and a build cannot be reproduced.',
    remediation: 'Replace `latest` with a version tag, and pin the digest (`image:tag@sha256:…`) where the build must be reproducible.',
    references: ['https://docs.docker.com/reference/dockerfile/#from', 'https://github.com/hadolint/hadolint/wiki/DL3007'],
    aliases: [
      { tool: 'hadolint', id: 'DL3007', relation: 'same' },
      { tool: 'trivy', id: 'DS001', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_7', relation: 'same' },
    ],
    compliance: ['nist-800-190:4.1.5'],
    packs: [],
    messages: {
      latestTag: 'Base image "{image}" uses the mutable tag "latest".',
    },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      const { from } = stage;
      // An unresolved registry or path does not hide a literal `:latest`.
      const named = from.kind === 'image' || from.kind === 'unresolved';
      if (!named || from.tag !== 'latest' || from.digest !== undefined || from.tagRange === undefined) continue;
      context.report({ messageId: 'latestTag', at: { range: from.tagRange }, data: { image: from.name } });
    }
  },
});
