import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { appliesToGroup, appliesToResource, describeObject, isRbacRole, policyRulesOf } from '../rbac.ts';

export const noRbacNodeProxy = defineRule({
  meta: {
    id: 'K8S-0017',
    slug: 'no-rbac-node-proxy',
    title: 'Role grants access to the nodes/proxy subresource',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      '`nodes/proxy` forwards requests to the kubelet API of a node. Even `get` on it lets the subject run commands in every pod of that node through the kubelet, bypassing audit of the pods/exec request and admission control.',
    remediation: 'Remove `nodes/proxy` from the role; grant monitoring agents `nodes/metrics` or `nodes/stats` instead.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes', 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/'],
    aliases: [],
    compliance: ['cis-k8s-1.9:5.1.10', 'nist-800-190:4.3.1', 'nsa-cisa-k8s-1.2:authz/rbac', 'pci-dss-4.0:7.2.2'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
      expression:
        'object.?rules.orValue([]).all(r, !(r.?apiGroups.orValue([]).exists(a, a == "*" || a in [""]) && size(r.?verbs.orValue([])) > 0 && r.?resources.orValue([]).exists(x, x != "*" && (x == "*" || x == "nodes/proxy" || (x.contains("/") && (x.split("/")[0] == "*" || x.split("/")[0] == "nodes") && (x.split("/")[1] == "*" || x.split("/")[1] == "proxy"))))))',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + " must not grant nodes/proxy."',
    },
    messages: {
      nodeProxy: 'Rule {rule} of {object} grants access to "{resource}", which proxies to the kubelet API of every node.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    if (!isRbacRole(artifact.ref)) return;
    for (const rule of policyRulesOf(artifact.object)) {
      if (!appliesToGroup(rule, ['']) || rule.verbs.length === 0) continue;
      // A bare `*` resource is no-rbac-wildcards' finding.
      const index = rule.resources.findIndex((resource) => resource !== '*' && appliesToResource({ ...rule, resources: [resource] }, ['nodes/proxy']));
      if (index === -1) continue;
      const data = { rule: rule.index + 1, object: describeObject(artifact.ref), resource: rule.resources[index] ?? '' };
      context.report({ messageId: 'nodeProxy', at: { pointer: `${rule.pointer}/resources/${index}` }, data });
    }
  },
});
