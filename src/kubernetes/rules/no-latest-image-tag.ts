import { defineRule } from '../../core/index.ts';
import { parseImageReference } from '../../core/index.ts';
import { stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { containersOf, podSpecOf } from '../workload.ts';

export const noLatestImageTag = defineRule({
  meta: {
    id: 'K8S-0002',
    slug: 'no-latest-image-tag',
    title: 'Container image uses a mutable tag',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A container image without a tag, or tagged `latest`, can resolve to a different image each time a node pulls it, so what runs is neither reviewed nor reproducible and cannot be rolled back reliably.',
    remediation: 'Pin the image to a version tag or, better, to a digest (`image@sha256:…`).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names', 'https://kubernetes.io/docs/concepts/configuration/overview/#container-images'],
    aliases: [
      { tool: 'kube-linter', id: 'latest-tag', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_14', relation: 'same' },
      { tool: 'trivy', id: 'KSV013', relation: 'same' },
    ],
    compliance: ['nist-800-190:4.2.2', 'nsa-cisa-k8s-1.2:pod-security/secure-images'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.containers.all(c, !has(c.image) || [c.image].all(i, [i.contains("@") ? i.substring(0, i.indexOf("@")) : i].all(nt, [nt.substring(nt.lastIndexOf("/") + 1)].all(last, !((i != "" && !i.matches("\\\\s") && (!i.contains("@") || i.substring(i.indexOf("@") + 1).matches("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")) && !(last.contains(":") && last.substring(last.indexOf(":") + 1) == "") && !(last.contains(":") ? nt.substring(0, nt.lastIndexOf("/") + 1 + last.indexOf(":")) : nt).split("/").exists(p, p == "")) && !i.contains("@") && (!last.contains(":") || last.substring(last.indexOf(":") + 1) == "latest"))))))',
      message:
        '"Container(s) " + variables.containers.filter(c, has(c.image) && [c.image].all(i, [i.contains("@") ? i.substring(0, i.indexOf("@")) : i].all(nt, [nt.substring(nt.lastIndexOf("/") + 1)].all(last, (i != "" && !i.matches("\\\\s") && (!i.contains("@") || i.substring(i.indexOf("@") + 1).matches("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")) && !(last.contains(":") && last.substring(last.indexOf(":") + 1) == "") && !(last.contains(":") ? nt.substring(0, nt.lastIndexOf("/") + 1 + last.indexOf(":")) : nt).split("/").exists(p, p == "")) && !i.contains("@") && (!last.contains(":") || last.substring(last.indexOf(":") + 1) == "latest"))))).map(c, c.?name.orValue("")).join(", ") + " use an image without a tag or with the mutable tag latest."',
    },
    messages: {
      untagged: 'Container "{container}" uses image "{image}" without a tag, which means "latest".',
      latestTag: 'Container "{container}" uses image "{image}" with the mutable tag "latest".',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, pointer, name } of containersOf(pod)) {
      const image = stringAt(container, 'image');
      const reference = image === undefined ? undefined : parseImageReference(image);
      if (image === undefined || reference === undefined || reference.digest !== undefined) continue;
      if (reference.tag !== undefined && reference.tag !== 'latest') continue;
      const messageId = reference.tag === undefined ? 'untagged' : 'latestTag';
      context.report({ messageId, at: { pointer: `${pointer}/image` }, data: { container: name, image } });
    }
  },
});
