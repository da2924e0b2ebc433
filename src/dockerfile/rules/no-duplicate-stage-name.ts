import { defineRule } from '../../core/index.ts';
import type { DockerfileArtifact } from '../model.ts';

export const noDuplicateStageName = defineRule<DockerfileArtifact, 'duplicate'>({
  meta: {
    id: 'DKR-0018',
    slug: 'no-duplicate-stage-name',
    title: 'Two stages share an alias',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description: 'Stage aliases (`FROM … AS name`) must be unique, compared without case; Docker rejects a Dockerfile that repeats one, and readers cannot tell which stage `--from=name` means.',
    remediation: 'Give each stage its own alias.',
    references: ['https://docs.docker.com/reference/dockerfile/#from', 'https://github.com/hadolint/hadolint/wiki/DL3024'],
    aliases: [{ tool: 'hadolint', id: 'DL3024', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: { duplicate: 'Stage alias "{name}" is already used by the stage on line {line}.' },
  },
  check(context, dockerfile) {
    const seen = new Map<string, number>();
    for (const stage of dockerfile.stages) {
      if (stage.name === undefined || stage.nameRange === undefined) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, stage.range.start.line);
      else context.report({ messageId: 'duplicate', at: { range: stage.nameRange }, data: { name: stage.name, line: first } });
    }
  },
});
