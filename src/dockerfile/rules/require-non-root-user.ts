import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { effectiveInstruction, finalStage } from '../stages.ts';

const ROOT_USERS = new Set(['root', '0']);

export const requireNonRootUser = defineRule<DockerfileArtifact, 'missingUser' | 'rootUser'>({
  meta: {
    id: 'DKR-0003',
    slug: 'require-non-root-user',
    title: 'Image runs as root',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Without a USER instruction, or with root as the last one, the container process runs as root. A flaw in the application then gives root inside the container, one step from the host if the runtime is weak.',
    remediation: 'Create an unprivileged user in the image and switch to it with `USER <name or uid>` at the end of the final stage.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#user',
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://github.com/hadolint/hadolint/wiki/DL3002',
    ],
    aliases: [
      { tool: 'trivy', id: 'DS002', relation: 'same' },
      { tool: 'hadolint', id: 'DL3002', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_DOCKER_3', relation: 'similar' },
      { tool: 'checkov', id: 'CKV_DOCKER_8', relation: 'similar' },
    ],
    compliance: ['cis-docker-1.6:4.1', 'nist-800-190:4.1.2', 'pci-dss-4.0:7.2.2'],
    packs: [],
    messages: {
      missingUser: 'The final stage (FROM {image}) sets no USER, so the container runs as root.',
      rootUser: 'The last USER of the final stage is "{user}", so the container runs as root.',
    },
  },
  check(context, dockerfile) {
    const stage = finalStage(dockerfile);
    const user = effectiveInstruction(dockerfile, stage, 'user');
    if (user === undefined) {
      const image = stage.from.raw === '' ? stage.from.text : stage.from.raw;
      context.report({ messageId: 'missingUser', at: { range: stage.from.range }, data: { image }, identity: 'final-stage' });
      return;
    }
    if (!ROOT_USERS.has(user.user)) return;
    context.report({ messageId: 'rootUser', at: { range: user.valueRange ?? user.range }, data: { user: user.value } });
  },
});
