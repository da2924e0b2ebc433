import { defineRule, nullThrows } from '../../core/index.ts';
import type { LabelType } from '../label-schema.ts';
import { LABEL_TYPES, matchesLabelType } from '../label-schema.ts';
import type { DockerfileArtifact, DockerfileModel, KeyValuePair, Stage } from '../model.ts';
import { instructionsOfKind, stageChain } from '../stages.ts';

export interface LabelSchemaOptions {
  readonly labelSchema: Readonly<Record<string, LabelType>>;
  readonly strictLabels: boolean;
}

type MessageId = 'missing' | 'superfluous' | 'empty' | Exclude<LabelType, 'text'>;

const TYPE_MESSAGES = {
  url: 'Label "{label}" is not a valid URL.',
  rfc3339: 'Label "{label}" is not an RFC 3339 time (such as 2024-05-01T12:00:00Z).',
  spdx: 'Label "{label}" is not an SPDX license expression.',
  hash: 'Label "{label}" is not a git commit hash (7 or 40 lower-case hex digits).',
  semver: 'Label "{label}" is not a semantic version (such as 1.4.2).',
  email: 'Label "{label}" is not an email address.',
} as const satisfies Record<Exclude<LabelType, 'text'>, string>;

/** Stages another stage copies from are build steps, not images, so they need no labels (as in hadolint). */
function isCopiedFrom(dockerfile: DockerfileModel, stage: Stage): boolean {
  return dockerfile.stages.some((other) =>
    instructionsOfKind(other, 'copy').some((copy) => copy.flags.some((flag) => flag.name.toLowerCase() === 'from' && (flag.value?.toLowerCase() === stage.name?.toLowerCase() || flag.value === String(stage.index)))),
  );
}

function labelsOf(dockerfile: DockerfileModel, stage: Stage): Set<string> {
  return new Set(stageChain(dockerfile, stage).flatMap((member) => instructionsOfKind(member, 'label').flatMap((label) => label.pairs.map((pair) => pair.key))));
}

export const useLabelSchema = defineRule<DockerfileArtifact, MessageId, LabelSchemaOptions>({
  meta: {
    id: 'DKR-0030',
    slug: 'use-label-schema',
    title: 'Labels do not follow the label schema',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'Teams rely on image labels (source, revision, version, licence, owner) for inventory, provenance and support. A label schema says which labels every image carries and what their values look like; an image that misses one or carries a malformed value breaks those tools.',
    remediation: 'Add the missing labels and give each the format its schema type asks for (URL, RFC 3339 time, SPDX licence, git hash, semantic version, email).',
    references: ['https://github.com/hadolint/hadolint#linting-labels', 'https://github.com/opencontainers/image-spec/blob/main/annotations.md'],
    aliases: [
      { tool: 'hadolint', id: 'DL3049', relation: 'same' },
      { tool: 'hadolint', id: 'DL3050', relation: 'same' },
      { tool: 'hadolint', id: 'DL3051', relation: 'same' },
      { tool: 'hadolint', id: 'DL3052', relation: 'same' },
      { tool: 'hadolint', id: 'DL3053', relation: 'same' },
      { tool: 'hadolint', id: 'DL3054', relation: 'similar' },
      { tool: 'hadolint', id: 'DL3055', relation: 'same' },
      { tool: 'hadolint', id: 'DL3056', relation: 'same' },
      { tool: 'hadolint', id: 'DL3058', relation: 'similar' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: [],
    messages: {
      missing: 'Label "{label}" is missing from this stage.',
      superfluous: 'Label "{label}" is not in the label schema, and strict labels are on.',
      empty: 'Label "{label}" is empty.',
      ...TYPE_MESSAGES,
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          labelSchema: { type: 'object', additionalProperties: { enum: [...LABEL_TYPES] }, description: 'Required labels and their types: text, rfc3339, semver, url, hash, spdx, email (hadolint `label-schema`).' },
          strictLabels: { type: 'boolean', description: 'Report labels the schema does not name (hadolint `strict-labels`).' },
        },
      },
      defaults: { labelSchema: {}, strictLabels: false },
    },
  },
  check(context, dockerfile) {
    const { labelSchema, strictLabels } = context.options;
    const required = Object.keys(labelSchema);
    for (const stage of dockerfile.stages) {
      const present = labelsOf(dockerfile, stage);
      const from = stage.instructions[0];
      const missing = from === undefined || isCopiedFrom(dockerfile, stage) ? [] : required.filter((label) => !present.has(label));
      for (const label of missing) context.report({ messageId: 'missing', at: { range: nullThrows(from, 'a stage starts with its FROM').keywordRange }, data: { label } });
      instructionsOfKind(stage, 'label').flatMap((instruction) => instruction.pairs).forEach(checkPair);
    }

    function checkPair(pair: KeyValuePair): void {
      const type = labelSchema[pair.key];
      const data = { label: pair.key };
      if (type === undefined) {
        if (strictLabels) context.report({ messageId: 'superfluous', at: { range: pair.keyRange }, data });
        return;
      }
      const value = pair.value ?? '';
      const at = { range: pair.valueRange ?? pair.keyRange };
      if (value === '') context.report({ messageId: 'empty', at, data });
      // A value built from variables is only known at build time.
      else if (type !== 'text' && !value.includes('$') && !matchesLabelType(type, value)) context.report({ messageId: type, at, data });
    }
  },
});
