import { defineRule, toJsonPointer } from '../../core/index.ts';
import { objectPath } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

/** Controllers whose `spec.selector` must select their own pod template. */
const CONTROLLERS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'extensions/Deployment', 'extensions/ReplicaSet', 'extensions/DaemonSet']);

export const requireSelectorMatch = defineRule({
  meta: {
    id: 'K8S-0038',
    slug: 'require-selector-match',
    title: 'Workload selector does not match its pod template labels',
    severity: 'low',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A Deployment, ReplicaSet, StatefulSet or DaemonSet whose `spec.selector.matchLabels` asks for a label value its pod template does not carry cannot own the pods it creates: the API server rejects it, or (with older API versions) the controller creates pods without end.',
    remediation: 'Make every `spec.selector.matchLabels` entry a label of `spec.template.metadata.labels` with the same value.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
    aliases: [{ tool: 'kube-linter', id: 'mismatching-selector', relation: 'same' }],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['hardening'],
    cel: {
      kinds: [{ apiGroup: 'apps', kind: 'Deployment' }, { apiGroup: 'apps', kind: 'ReplicaSet' }, { apiGroup: 'apps', kind: 'StatefulSet' }, { apiGroup: 'apps', kind: 'DaemonSet' }, { apiGroup: 'extensions', kind: 'Deployment' }, { apiGroup: 'extensions', kind: 'ReplicaSet' }, { apiGroup: 'extensions', kind: 'DaemonSet' }],
      expression:
        'object.?spec.?selector.?matchLabels.orValue({}).all(k, object.?spec.?template.?metadata.?labels.orValue({})[?k].orValue(null) == object.spec.selector.matchLabels[k])',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + ": every spec.selector.matchLabels entry must be a label of the pod template."',
    },
    messages: {
      mismatch: 'Selector label "{label}" is "{value}", but the pod template labels give it {actual}.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if (!CONTROLLERS.has(`${apiGroupOf(ref.apiVersion)}/${ref.kind}`)) return;
    const selector = objectPath(object, ['spec', 'selector', 'matchLabels']);
    if (selector === undefined) return;
    const labels = objectPath(object, ['spec', 'template', 'metadata', 'labels']) ?? {};
    for (const [label, value] of Object.entries(selector)) {
      const actual = labels[label];
      if (actual === value) continue;
      const data = { label, value: String(value), actual: typeof actual === 'string' ? `"${actual}"` : 'no value' };
      context.report({ messageId: 'mismatch', at: { pointer: toJsonPointer(['spec', 'selector', 'matchLabels', label]) }, data });
    }
  },
});
