import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { instructionsOfKind } from '../stages.ts';

export const useTrailingSlashCopyDestination = defineRule<DockerfileArtifact, 'notADirectory'>({
  meta: {
    id: 'DKR-0015',
    slug: 'use-trailing-slash-copy-destination',
    title: 'COPY of several sources to a destination without a trailing slash',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'When COPY has more than one source, Docker requires the destination to be a directory written with a trailing `/`; otherwise the build fails.',
    remediation: 'End the destination with `/` (`COPY a b /app/`).',
    references: ['https://docs.docker.com/reference/dockerfile/#copy', 'https://github.com/hadolint/hadolint/wiki/DL3021'],
    aliases: [{ tool: 'hadolint', id: 'DL3021', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { notADirectory: 'COPY has {count} sources, so its destination "{destination}" must end with "/".' },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      for (const copy of instructionsOfKind(stage, 'copy')) {
        const { destination, sources } = copy;
        if (destination === undefined || sources.length < 2) continue;
        const unquoted = destination.value.replace(/^(["'])(.*)\1$/, '$2');
        if (unquoted.endsWith('/') || unquoted.startsWith('$')) continue;
        context.report({ messageId: 'notADirectory', at: { range: destination.range }, data: { count: sources.length, destination: unquoted } });
      }
    }
  },
});
