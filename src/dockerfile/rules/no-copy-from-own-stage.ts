import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { instructionsOfKind } from '../stages.ts';

export const noCopyFromOwnStage = defineRule<DockerfileArtifact, 'ownStage'>({
  meta: {
    id: 'DKR-0017',
    slug: 'no-copy-from-own-stage',
    title: 'COPY --from names the stage it is in',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'A stage cannot copy from itself: Docker rejects the build (a circular dependency) or, with an index, copies from another stage than intended.',
    remediation: 'Copy from the earlier stage that produces the files, or use a plain COPY from the build context.',
    references: ['https://docs.docker.com/reference/dockerfile/#copy---from', 'https://github.com/hadolint/hadolint/wiki/DL3023'],
    aliases: [{ tool: 'hadolint', id: 'DL3023', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { ownStage: 'COPY --from="{name}" names the stage this COPY is in.' },
  },
  check(context, dockerfile) {
    for (const stage of dockerfile.stages) {
      for (const copy of instructionsOfKind(stage, 'copy')) {
        const from = copy.flags.find((flag) => flag.name.toLowerCase() === 'from');
        if (from?.value === undefined || from.valueRange === undefined) continue;
        const value = from.value.toLowerCase();
        if (value !== stage.name?.toLowerCase() && value !== String(stage.index)) continue;
        context.report({ messageId: 'ownStage', at: { range: from.valueRange }, data: { name: from.value } });
      }
    }
  },
});
