import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { allInstructions } from '../stages.ts';

export const noMaintainer = defineRule<DockerfileArtifact, 'deprecated'>({
  meta: {
    id: 'DKR-0008',
    slug: 'no-maintainer',
    title: 'Deprecated MAINTAINER instruction',
    severity: 'info',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'MAINTAINER has been deprecated since Docker 1.13. Its value is not a label, so tools that read image labels (registries, SBOM generators, scanners) do not see it.',
    remediation: 'Replace MAINTAINER with `LABEL org.opencontainers.image.authors="<name and e-mail>"`.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
      'https://github.com/opencontainers/image-spec/blob/main/annotations.md',
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL4000', relation: 'same' },
      { tool: 'trivy', id: 'DS022', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_6', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      deprecated: 'MAINTAINER "{maintainer}" uses a deprecated instruction; record the author in a LABEL instead.',
    },
  },
  check(context, dockerfile) {
    for (const instruction of allInstructions(dockerfile)) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const maintainer = instruction.arguments.replace(/\s+/g, ' ').trim();
      context.report({ messageId: 'deprecated', at: { range: instruction.keywordRange }, data: { maintainer }, identity: maintainer });
    }
  },
});
