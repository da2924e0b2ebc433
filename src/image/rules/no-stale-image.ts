import { defineRule } from '../../core/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';

interface Options {
  readonly maxAgeDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reproducible builds (SOURCE_DATE_EPOCH=0, ko, Bazel, Nix) write the Unix epoch: the age is unknown. */
const EPOCH_CUTOFF_MS = Date.UTC(1980, 0, 1);

export const noStaleImage = defineRule<ImageConfigArtifact, 'stale', Options>({
  meta: {
    id: 'IMG-0006',
    slug: 'no-stale-image',
    title: 'Image was built too long ago',
    severity: 'low',
    kind: 'misconfig',
    stability: 'experimental',
    since: '0.1.0',
    target: 'image-config',
    description:
      'An image not rebuilt for a long time carries every vulnerability fixed in its base image and packages since it was built, including those no scanner knows about yet.',
    remediation: 'Rebuild the image from an up-to-date base image on a schedule (weekly or on each base image release), and redeploy.',
    references: ['https://csrc.nist.gov/pubs/sp/800/190/final', 'https://github.com/opencontainers/image-spec/blob/main/config.md#properties'],
    aliases: [],
    compliance: ['nist-800-190:4.2.2'],
    packs: [],
    messages: {
      stale: 'The image was created on {created}, {days} days ago (more than maxAgeDays, {maxAgeDays}).',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxAgeDays: { type: 'integer', minimum: 1, description: 'The oldest an image may be, in days since its `created` time.' },
        },
      },
      defaults: { maxAgeDays: 365 },
    },
  },
  check(context, artifact) {
    const { created } = artifact.config;
    const createdAt = created === undefined ? Number.NaN : Date.parse(created);
    const inspectedAt = Date.parse(artifact.inspectedAt);
    if (Number.isNaN(createdAt) || Number.isNaN(inspectedAt) || createdAt < EPOCH_CUTOFF_MS) return;
    const days = Math.floor((inspectedAt - createdAt) / DAY_MS);
    if (days <= context.options.maxAgeDays) return;
    context.report({ messageId: 'stale', at: { pointer: '/created' }, data: { created: new Date(createdAt).toISOString().slice(0, 10), days, maxAgeDays: context.options.maxAgeDays } });
  },
});
