import { defineRule } from '../../core/index.ts';
import type { BaseImagePolicy } from '../image-policy.ts';
import { BASE_IMAGE_POLICY_OPTIONS, globToRegExp, normalisedName, normalisedRegistry, pointAfter, prefixRange } from '../image-policy.ts';
import type { DockerfileArtifact, ImageReference } from '../model.ts';


type MessageId = 'registry' | 'image' | 'tag' | 'digest';

export const useAllowedBaseImages = defineRule<DockerfileArtifact, MessageId, BaseImagePolicy>({
  meta: {
    id: 'DKR-0012',
    slug: 'use-allowed-base-images',
    title: 'Base image is not allowed by the image policy',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'dockerfile',
    description:
      'A base image from a registry or repository the organisation has not approved, with a forbidden tag, or without the digest the policy requires, brings code nobody vetted into every image built on it.',
    remediation: 'Build FROM an image of an allowed registry and repository, pinned by digest when the policy asks for it, or ask the owners of the policy to allow the image.',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3026', 'https://docs.docker.com/reference/dockerfile/#from'],
    aliases: [{ tool: 'hadolint', id: 'DL3026', relation: 'same' }],
    compliance: ['cis-docker-1.6:4.2', 'nist-800-190:4.1.5'],
    packs: ['base-image-policy'],
    messages: {
      registry: 'Base image "{image}" comes from registry "{registry}", which is not one of the allowed registries ({allowed}).',
      image: 'Base image "{image}" ({normalised}) matches none of the allowed images ({allowed}).',
      tag: 'Base image "{image}" uses the forbidden tag "{tag}".',
      digest: 'Base image "{image}" is not pinned by digest (`@sha256:…`), which the image policy requires.',
    },
    options: BASE_IMAGE_POLICY_OPTIONS,
  },
  check(context, dockerfile) {
    const policy = context.options;
    const images = policy.allowedImages.map(globToRegExp);
    for (const { from } of dockerfile.stages) {
      // Earlier stages, `scratch` and references with unknown variables are not registry images.
      if (from.kind !== 'image') continue;
      const violation = firstViolation(from, policy, images);
      if (violation !== undefined) context.report(violation);
    }
  },
});

interface Violation {
  readonly messageId: MessageId;
  readonly at: { readonly range: ImageReference['range'] };
  readonly data: Readonly<Record<string, string>>;
  readonly identity?: string;
}

function firstViolation(from: ImageReference, policy: BaseImagePolicy, images: readonly RegExp[]): Violation | undefined {
  const registry = normalisedRegistry(from);
  const data = { image: from.text };
  if (policy.allowedRegistries.length > 0 && !policy.allowedRegistries.some((allowed) => normaliseRegistryName(allowed) === registry)) {
    // The registry as written; the whole name when it is unqualified or comes from a variable.
    const at = from.registry !== undefined && from.raw.startsWith(from.registry) ? prefixRange(from.nameRange, from.registry.length) : from.nameRange;
    return { messageId: 'registry', at: { range: at }, data: { ...data, registry, allowed: policy.allowedRegistries.join(', ') } };
  }
  const normalised = normalisedName(from);
  if (images.length > 0 && !images.some((glob) => glob.test(normalised))) {
    return { messageId: 'image', at: { range: from.nameRange }, data: { ...data, normalised, allowed: policy.allowedImages.join(', ') } };
  }
  if (from.tag !== undefined && from.tagRange !== undefined && policy.forbiddenTags.includes(from.tag)) {
    return { messageId: 'tag', at: { range: from.tagRange }, data: { ...data, tag: from.tag } };
  }
  if (policy.requireDigest && from.digest === undefined) {
    // An empty range where the digest belongs; the identity names the image, as the range has no text.
    return { messageId: 'digest', at: { range: pointAfter(from.tagRange ?? from.nameRange) }, data, identity: `digest ${from.text}` };
  }
  return undefined;
}

function normaliseRegistryName(registry: string): string {
  const lower = registry.toLowerCase();
  return lower === 'hub.docker.com' || lower === 'index.docker.io' || lower === 'registry-1.docker.io' ? 'docker.io' : lower;
}
