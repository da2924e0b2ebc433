import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

/** The policy rule fields checked, in the order manifests usually list them. A resource wildcard may be partial (`pods/*`). */
const FIELDS = [
  { field: 'apiGroups', messageId: 'wildcardApiGroup', isWildcard: (value: string) => value === '*' },
  { field: 'resources', messageId: 'wildcardResource', isWildcard: (value: string) => value.includes('*') },
  { field: 'verbs', messageId: 'wildcardVerb', isWildcard: (value: string) => value === '*' },
] as const;

export const noRbacWildcards = defineRule({
  meta: {
    id: 'K8S-0011',
    slug: 'no-rbac-wildcards',
    title: 'Role grants access with a wildcard',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A `*` in the verbs, resources or API groups of a Role or ClusterRole grants every present and future value: new resources, custom resources and verbs such as `escalate`, `bind` and `impersonate` included.',
    remediation: 'List the API groups, resources and verbs the subject needs explicitly instead of using `*`.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/', 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/'],
    aliases: [
      { tool: 'kube-linter', id: 'wildcard-in-rules', relation: 'same' },
      { tool: 'checkov', id: 'CKV_K8S_49', relation: 'same' },
      { tool: 'trivy', id: 'KSV044', relation: 'similar' },
      { tool: 'trivy', id: 'KSV045', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.1.3', 'nist-800-190:4.3.1', 'pci-dss-4.0:7.2.2', 'nsa-cisa-k8s-1.2:authz/rbac'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
      expression:
        'object.?rules.orValue([]).all(r, !r.?apiGroups.orValue([]).exists(v, v == "*") && !r.?resources.orValue([]).exists(v, type(v) == string && v.contains("*")) && !r.?verbs.orValue([]).exists(v, v == "*"))',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + " must not use the wildcard * in apiGroups, resources or verbs."',
    },
    messages: {
      wildcardApiGroup: 'Rule {rule} of {kind} "{name}" applies to every API group ("*").',
      wildcardResource: 'Rule {rule} of {kind} "{name}" grants access to resources "{value}".',
      wildcardVerb: 'Rule {rule} of {kind} "{name}" grants every verb ("*").',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if ((ref.kind !== 'Role' && ref.kind !== 'ClusterRole') || apiGroupOf(ref.apiVersion) !== 'rbac.authorization.k8s.io') return;
    arrayAt(object, 'rules').forEach((rule, ruleIndex) => {
      if (!isJsonObject(rule)) return;
      for (const { field, messageId, isWildcard } of FIELDS) {
        arrayAt(rule, field).forEach((value, valueIndex) => {
          if (typeof value !== 'string' || !isWildcard(value)) return;
          const data = { rule: ruleIndex + 1, kind: ref.kind, name: ref.name ?? '', value };
          context.report({ messageId, at: { pointer: `/rules/${ruleIndex}/${field}/${valueIndex}` }, data });
        });
      }
    });
  },
});
