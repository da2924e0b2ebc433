import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';
import { effectiveInstruction, finalStage } from '../stages.ts';

export const requireHealthcheck = defineRule<DockerfileArtifact, 'missing' | 'disabled'>({
  meta: {
    id: 'DKR-0006',
    slug: 'require-healthcheck',
    title: 'Image has no HEALTHCHECK',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Without a HEALTHCHECK the engine only knows whether the process is alive, not whether it still serves; a hung container keeps receiving traffic and is never restarted.',
    remediation: 'Add a `HEALTHCHECK CMD <command>` to the final stage that fails when the service stops answering.',
    references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
    aliases: [
      { tool: 'trivy', id: 'DS026', relation: 'same' },
      { tool: 'checkov', id: 'CKV_DOCKER_2', relation: 'same' },
      { tool: 'hadolint', id: 'DL3057', relation: 'similar' },
    ],
    compliance: ['cis-docker-1.6:4.6'],
    packs: [],
    messages: {
      missing: 'The final stage (FROM {image}) defines no HEALTHCHECK.',
      disabled: 'HEALTHCHECK NONE turns off the health check of the final image.',
    },
  },
  check(context, dockerfile) {
    const stage = finalStage(dockerfile);
    const healthcheck = effectiveInstruction(dockerfile, stage, 'healthcheck');
    if (healthcheck === undefined) {
      const image = stage.from.raw === '' ? stage.from.text : stage.from.raw;
      context.report({ messageId: 'missing', at: { range: stage.from.range }, data: { image }, identity: 'final-stage' });
      return;
    }
    if (!healthcheck.disabled) return;
    context.report({ messageId: 'disabled', at: { range: healthcheck.subcommand?.range ?? healthcheck.range } });
  },
});
