import { defineRule, toJsonPointer } from '../../core/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';

interface Options {
  readonly requiredLabels: readonly string[];
}

export const requireImageLabels = defineRule<ImageConfigArtifact, 'missing', Options>({
  meta: {
    id: 'IMG-0005',
    slug: 'require-image-labels',
    title: 'Image lacks a required label',
    severity: 'low',
    kind: 'misconfig',
    stability: 'experimental',
    since: '0.1.0',
    target: 'image-config',
    description:
      'Labels tie an image to where it came from: without `org.opencontainers.image.source` and `org.opencontainers.image.revision` nobody can tell which repository and commit a running image was built from, which slows down every incident and every patch.',
    remediation: 'Set the labels at build time, e.g. `docker build --label org.opencontainers.image.source=<repository URL> --label org.opencontainers.image.revision=<commit>` (BuildKit and most CI actions can add them for you).',
    references: ['https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys', 'https://docs.docker.com/reference/dockerfile/#label'],
    aliases: [],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      missing: 'The image config has no label "{label}".',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          requiredLabels: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description: 'Labels every image must carry (an empty list turns the rule into a no-op).' },
        },
      },
      defaults: { requiredLabels: ['org.opencontainers.image.source', 'org.opencontainers.image.revision'] },
    },
  },
  check(context, artifact) {
    const present = new Set(artifact.config.labels.filter((label) => label.value.trim() !== '').map((label) => label.name));
    for (const label of context.options.requiredLabels) {
      if (!present.has(label)) context.report({ messageId: 'missing', at: { pointer: toJsonPointer(['config', 'Labels', label]) }, data: { label } });
    }
  },
});
