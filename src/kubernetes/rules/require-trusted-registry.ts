import { defineRule } from '../../core/index.ts';
import { containerImagesOf, fullImageName, isUnderPrefix } from '../images.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

interface Options {
  readonly allowedRegistries: readonly string[];
}

export const requireTrustedRegistry = defineRule<KubernetesObjectArtifact, 'untrusted', Options>({
  meta: {
    id: 'K8S-0021',
    slug: 'require-trusted-registry',
    title: 'Container image comes from a registry that is not allowed',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'Images pulled from arbitrary registries bypass the organisation\'s scanning, signing and retention, and a typo in the name can pull an attacker\'s image. The rule is inactive until `allowedRegistries` lists the registries (or registry paths) images may come from.',
    remediation: 'Pull the image from an allowed registry (mirror or promote it there first), or add the registry to `allowedRegistries` after review.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/', 'https://csrc.nist.gov/pubs/sp/800/190/final'],
    aliases: [],
    compliance: ['cis-k8s-1.9:5.5.1', 'nist-800-190:4.1.5', 'nsa-cisa-k8s-1.2:pod-security/secure-images'],
    packs: ['hardening'],
    messages: {
      untrusted: 'Container "{container}" pulls "{image}" from "{name}", which is not under an allowed registry.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowedRegistries: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Registries or registry paths images may come from (`ghcr.io/acme`, `registry.example.com`); `docker.io` stands for Docker Hub. Empty: the rule reports nothing.',
          },
        },
      },
      defaults: { allowedRegistries: [] },
    },
  },
  check(context, artifact) {
    const allowed = context.options.allowedRegistries;
    const pod = podSpecOf(artifact.object);
    if (allowed.length === 0 || pod === undefined) return;
    for (const { container, image, reference, pointer } of containerImagesOf(pod)) {
      const name = fullImageName(reference);
      if (allowed.some((prefix) => isUnderPrefix(name, prefix))) continue;
      context.report({ messageId: 'untrusted', at: { pointer }, data: { container: container.name, image, name } });
    }
  },
});
