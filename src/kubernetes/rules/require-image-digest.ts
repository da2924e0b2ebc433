import { defineRule } from '../../core/index.ts';
import { containerImagesOf } from '../images.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { podSpecOf } from '../workload.ts';

export const requireImageDigest = defineRule({
  meta: {
    id: 'K8S-0020',
    slug: 'require-image-digest',
    title: 'Container image is not pinned by digest',
    severity: 'low',
    kind: 'misconfig',
    stability: 'experimental',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A tag, even a version tag, is a movable pointer: whoever can push to the repository can make it name different content. Only a digest (`@sha256:…`) names exactly the image that was reviewed, scanned and signed.',
    remediation: 'Reference the image by digest (`registry/name:tag@sha256:…`), and let a bot such as Renovate update the digest.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names', 'https://kubernetes.io/docs/concepts/configuration/overview/#container-images'],
    aliases: [
      { tool: 'kube-linter', id: 'image-not-pinned-by-digest', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_43', relation: 'same' },
    ],
    compliance: ['cis-k8s-1.9:5.5.1', 'nist-800-190:4.1.5', 'nsa-cisa-k8s-1.2:pod-security/secure-images'],
    packs: ['hardening'],
    cel: {
      kinds: 'pods',
      expression:
        'variables.containers.all(c, !has(c.image) || [c.image].all(i, [i.contains("@") ? i.substring(0, i.indexOf("@")) : i].all(nt, [nt.substring(nt.lastIndexOf("/") + 1)].all(last, !((i != "" && !i.matches("\\\\s") && (!i.contains("@") || i.substring(i.indexOf("@") + 1).matches("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")) && !(last.contains(":") && last.substring(last.indexOf(":") + 1) == "") && !(last.contains(":") ? nt.substring(0, nt.lastIndexOf("/") + 1 + last.indexOf(":")) : nt).split("/").exists(p, p == "")) && !i.contains("@"))))))',
      message:
        '"Container(s) " + variables.containers.filter(c, has(c.image) && [c.image].all(i, [i.contains("@") ? i.substring(0, i.indexOf("@")) : i].all(nt, [nt.substring(nt.lastIndexOf("/") + 1)].all(last, (i != "" && !i.matches("\\\\s") && (!i.contains("@") || i.substring(i.indexOf("@") + 1).matches("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")) && !(last.contains(":") && last.substring(last.indexOf(":") + 1) == "") && !(last.contains(":") ? nt.substring(0, nt.lastIndexOf("/") + 1 + last.indexOf(":")) : nt).split("/").exists(p, p == "")) && !i.contains("@"))))).map(c, c.?name.orValue("")).join(", ") + " must pin the image by digest (image@sha256:...)."',
    },
    messages: {
      noDigest: 'Container "{container}" uses image "{image}", which is not pinned by digest.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const pod = podSpecOf(artifact.object);
    if (pod === undefined) return;
    for (const { container, image, reference, pointer } of containerImagesOf(pod)) {
      if (reference.digest !== undefined) continue;
      context.report({ messageId: 'noDigest', at: { pointer }, data: { container: container.name, image } });
    }
  },
});
