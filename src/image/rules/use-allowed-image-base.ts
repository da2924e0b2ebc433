import { defineRule, parseImageReference, toJsonPointer } from '../../core/index.ts';
import type { ImageReference } from '../../dockerfile/index.ts';
import type { BaseImagePolicy } from '../../dockerfile/index.ts';
import { BASE_IMAGE_POLICY_OPTIONS, globToRegExp, normalisedName, normalisedRegistry } from '../../dockerfile/index.ts';
import type { ImageConfigArtifact } from '../scan/index.ts';

type MessageId = 'invalid' | 'registry' | 'image' | 'tag' | 'digest';

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';
const SHA256 = /^sha256:[a-f0-9]{64}$/;
const STRING_LIST = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const NO_RANGE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export const useAllowedImageBase = defineRule<ImageConfigArtifact, MessageId, BaseImagePolicy>({
  meta: {
    id: 'IMG-0007',
    slug: 'use-allowed-image-base',
    title: 'Image declares a base image the image policy does not allow',
    severity: 'high',
    kind: 'misconfig',
    stability: 'experimental',
    since: '0.1.0',
    target: 'image-config',
    description:
      'An image whose labels declare a base (`org.opencontainers.image.base.name`) from a registry or repository the organisation has not approved, with a forbidden tag, or without a recorded base digest when the policy asks for one, was built on code nobody vetted.',
    remediation: 'Rebuild the image on an allowed base image, pinned by digest when the policy asks for it, or ask the owners of the policy to allow the base.',
    references: ['https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys', 'https://docs.docker.com/build/metadata/annotations/'],
    aliases: [],
    compliance: ['cis-docker-1.6:4.2', 'nist-800-190:4.1.5'],
    packs: ['base-image-policy'],
    messages: {
      invalid: 'The declared base image "{image}" is not an image reference, so the image policy cannot be checked.',
      registry: 'Declared base image "{image}" comes from registry "{registry}", which is not one of the allowed registries ({allowed}).',
      image: 'Declared base image "{image}" ({normalised}) matches none of the allowed images ({allowed}).',
      tag: 'Declared base image "{image}" uses the forbidden tag "{tag}".',
      digest: 'Declared base image "{image}" has no digest (neither `@sha256:…` in the name nor an `org.opencontainers.image.base.digest` label), which the image policy requires.',
    },
    options: BASE_IMAGE_POLICY_OPTIONS,
  },
  check(context, artifact) {
    const policy = context.options;
    const isEmpty = policy.allowedRegistries.length === 0 && policy.allowedImages.length === 0 && !policy.requireDigest && policy.forbiddenTags.length === 0;
    const label = artifact.config.labels.find((pair) => pair.name === BASE_NAME && pair.value.trim() !== '');
    if (isEmpty || label === undefined) return;
    const image = label.value.trim();
    const at = { pointer: label.pointer };
    const reference = toPolicyReference(image);
    if (reference === undefined) {
      context.report({ messageId: 'invalid', at, data: { image } });
      return;
    }
    const registry = normalisedRegistry(reference);
    if (policy.allowedRegistries.length > 0 && !policy.allowedRegistries.some((allowed) => registryOf(allowed) === registry)) {
      context.report({ messageId: 'registry', at, data: { image, registry, allowed: policy.allowedRegistries.join(', ') } });
      return;
    }
    const normalised = normalisedName(reference);
    if (policy.allowedImages.length > 0 && !policy.allowedImages.some((glob) => globToRegExp(glob).test(normalised))) {
      context.report({ messageId: 'image', at, data: { image, normalised, allowed: policy.allowedImages.join(', ') } });
      return;
    }
    if (reference.tag !== undefined && policy.forbiddenTags.includes(reference.tag)) {
      context.report({ messageId: 'tag', at, data: { image, tag: reference.tag } });
      return;
    }
    const digestLabel = artifact.config.labels.find((pair) => pair.name === BASE_DIGEST)?.value.trim() ?? '';
    if (policy.requireDigest && reference.digest === undefined && !SHA256.test(digestLabel)) {
      context.report({ messageId: 'digest', at: { pointer: toJsonPointer(['config', 'Labels', BASE_DIGEST]) }, data: { image } });
    }
  },
});

/** The label's reference in the shape the Dockerfile policy helpers read (no source ranges: it is a label value). */
function toPolicyReference(text: string): ImageReference | undefined {
  const parsed = parseImageReference(text);
  if (parsed === undefined) return undefined;
  const name = parsed.registry === undefined ? parsed.repository : `${parsed.registry}/${parsed.repository}`;
  return { kind: 'image', raw: text, text, range: NO_RANGE, registry: parsed.registry, repository: parsed.repository, name, nameRange: NO_RANGE, tag: parsed.tag, tagRange: undefined, digest: parsed.digest, digestRange: undefined, stageIndex: undefined };
}

/** An allowed registry as the policy compares it (`index.docker.io` is `docker.io`). */
function registryOf(allowed: string): string {
  return normalisedRegistry({ kind: 'image', raw: allowed, text: allowed, range: NO_RANGE, registry: allowed, repository: '', name: allowed, nameRange: NO_RANGE, tag: undefined, tagRange: undefined, digest: undefined, digestRange: undefined, stageIndex: undefined });
}
