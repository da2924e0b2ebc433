import { defineRule } from '../../core/index.ts';
import { stringAt } from '../json.ts';
import { containerImagesOf } from '../images.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

interface Options {
  readonly allTags: boolean;
}

export const requireImagePullAlways = defineRule<KubernetesObjectArtifact, 'cachedMutable', Options>({
  meta: {
    id: 'K8S-0022',
    slug: 'require-image-pull-always',
    title: 'Mutable image tag is not pulled on every start',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'With `imagePullPolicy: IfNotPresent` or `Never`, a node runs whatever image it cached under a tag. For a mutable tag (`latest`, or no tag) nodes then run different images under one name, and a pod can start an image the registry no longer serves, without its credentials being checked.',
    remediation: 'Pin the image by digest, or set `imagePullPolicy: Always` (the default for `latest` when the field is left out).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy', 'https://kubernetes.io/docs/concepts/containers/images/#updating-images'],
    aliases: [{ tool: 'checkov', id: 'CKV_K8S_15', relation: 'similar' }],
    compliance: ['cis-docker-1.6:5.28', 'nist-800-190:4.1.5', 'nsa-cisa-k8s-1.2:pod-security/secure-images'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.containers.all(c, !has(c.image) || [c.image].all(i, [i.contains("@") ? i.substring(0, i.indexOf("@")) : i].all(nt, [nt.substring(nt.lastIndexOf("/") + 1)].all(last, !((i != "" && !i.matches("\\\\s") && (!i.contains("@") || i.substring(i.indexOf("@") + 1).matches("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")) && !(last.contains(":") && last.substring(last.indexOf(":") + 1) == "") && !(last.contains(":") ? nt.substring(0, nt.lastIndexOf("/") + 1 + last.indexOf(":")) : nt).split("/").exists(p, p == "")) && !i.contains("@") && has(c.imagePullPolicy) && c.imagePullPolicy != "Always" && (!last.contains(":") || last.substring(last.indexOf(":") + 1) == "latest"))))))',
      message:
        '"Container(s) " + variables.containers.filter(c, has(c.image) && [c.image].all(i, [i.contains("@") ? i.substring(0, i.indexOf("@")) : i].all(nt, [nt.substring(nt.lastIndexOf("/") + 1)].all(last, (i != "" && !i.matches("\\\\s") && (!i.contains("@") || i.substring(i.indexOf("@") + 1).matches("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")) && !(last.contains(":") && last.substring(last.indexOf(":") + 1) == "") && !(last.contains(":") ? nt.substring(0, nt.lastIndexOf("/") + 1 + last.indexOf(":")) : nt).split("/").exists(p, p == "")) && !i.contains("@") && has(c.imagePullPolicy) && c.imagePullPolicy != "Always" && (!last.contains(":") || last.substring(last.indexOf(":") + 1) == "latest"))))).map(c, c.?name.orValue("")).join(", ") + " use a mutable image tag with an imagePullPolicy other than Always."',
    },
    messages: {
      cachedMutable: 'Container "{container}" runs "{image}" with imagePullPolicy {policy}, so nodes may run a stale cached image for this tag.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          allTags: { type: 'boolean', description: 'Treat every tag as mutable (only a digest counts as pinned), not just `latest` and missing tags.' },
        },
      },
      defaults: { allTags: false },
    },
  },
  check(context, artifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, image, reference, pointer } of containerImagesOf(pod)) {
      const policy = stringAt(container.container, 'imagePullPolicy');
      if (policy === undefined || policy === 'Always' || reference.digest !== undefined) continue;
      const mutable = context.options.allTags || reference.tag === undefined || reference.tag === 'latest';
      if (!mutable) continue;
      const data = { container: container.name, image, policy };
      context.report({ messageId: 'cachedMutable', at: { pointer: `${container.pointer}/imagePullPolicy` }, data, identity: pointer });
    }
  },
});
