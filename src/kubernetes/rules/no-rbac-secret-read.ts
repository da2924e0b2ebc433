import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { appliesToGroup, appliesToResource, describeObject, grantedVerbIndex, isRbacRole, policyRulesOf } from '../rbac.ts';

const READ_VERBS = ['get', 'list', 'watch'];

export const noRbacSecretRead = defineRule({
  meta: {
    id: 'K8S-0015',
    slug: 'no-rbac-secret-read',
    title: 'Role grants read access to Secrets',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A Role or ClusterRole that allows `get`, `list` or `watch` on Secrets (directly or through `*`) hands its subjects every credential stored in the namespace, service account tokens included; `list` and `watch` return the values too. Bound cluster-wide, it exposes every namespace.',
    remediation: 'Remove read access to Secrets, or grant `get` only, with `resourceNames` naming the Secrets the subject needs.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets', 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    aliases: [
      { tool: 'kube-linter', id: 'access-to-secrets', relation: 'same' },
      { tool: 'kube-linter', id: 'cluster-wide-secrets-access', relation: 'similar' },
    ],
    compliance: ['cis-k8s-1.9:5.1.2', 'nist-800-190:4.3.1', 'pci-dss-4.0:7.2.2', 'nsa-cisa-k8s-1.2:authz/rbac'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
      expression:
        'object.?rules.orValue([]).all(r, !(r.?apiGroups.orValue([]).exists(a, a == "*" || a in [""]) && r.?resources.orValue([]).exists(x, (x == "*" || x == "secrets")) && (size(r.?resourceNames.orValue([])) > 0 ? r.?verbs.orValue([]).exists(v, v == "*" || v in ["list", "watch"]) : r.?verbs.orValue([]).exists(v, v == "*" || v in ["get", "list", "watch"]))))',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + " must not grant get, list or watch on Secrets."',
    },
    messages: {
      secretRead: 'Rule {rule} of {object} lets its subjects "{verb}" Secrets.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    if (!isRbacRole(artifact.ref)) return;
    for (const rule of policyRulesOf(artifact.object)) {
      if (!appliesToGroup(rule, ['']) || !appliesToResource(rule, ['secrets'])) continue;
      // `get` limited to named Secrets is the narrow form the docs recommend; list and watch ignore names.
      const verbs = rule.resourceNames.length > 0 ? READ_VERBS.filter((verb) => verb !== 'get') : READ_VERBS;
      const index = grantedVerbIndex(rule, verbs);
      if (index === -1) continue;
      const data = { rule: rule.index + 1, object: describeObject(artifact.ref), verb: rule.verbs[index] ?? '' };
      context.report({ messageId: 'secretRead', at: { pointer: `${rule.pointer}/verbs/${index}` }, data });
    }
  },
});
