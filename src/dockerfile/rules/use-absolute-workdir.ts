import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { allInstructions } from '../stages.ts';

/** `/app`, `$HOME/app`, `C:\app`, `C:/app`, `\app`. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || path.startsWith('\\') || /^[A-Za-z]:/.test(path);
}

export const useAbsoluteWorkdir = defineRule<DockerfileArtifact, 'relative'>({
  meta: {
    id: 'DKR-0009',
    slug: 'use-absolute-workdir',
    title: 'WORKDIR path is relative',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image. The directory commands run in, and files land in, then changes when the base image does.',
    remediation: 'Give WORKDIR an absolute path, such as `WORKDIR /app`.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#workdir',
      'https://docs.docker.com/build/building/best-practices/#workdir',
      'https://github.com/hadolint/hadolint/wiki/DL3000',
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3000', relation: 'same' },
      { tool: 'trivy', id: 'DS009', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_10', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      relative: 'WORKDIR "{path}" is relative, so it depends on the working directory set before it.',
    },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.kind !== 'workdir' || instruction.path === '' || isAbsolute(instruction.path)) continue;
      context.report({ messageId: 'relative', at: { range: instruction.pathRange ?? instruction.range }, data: { path: instruction.path } });
    }
  },
});
