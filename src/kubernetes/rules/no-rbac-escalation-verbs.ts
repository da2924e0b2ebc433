import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { PolicyRuleRef } from '../rbac.ts';
import { RBAC_GROUP, appliesToGroup, appliesToResource, describeObject, isRbacRole, policyRulesOf } from '../rbac.ts';

/** The verbs that bypass RBAC's own escalation checks, and what each must apply to for that. */
const ESCALATION_VERBS = [
  { verb: 'escalate', groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], effect: 'grant themselves permissions they do not hold' },
  { verb: 'bind', groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], effect: 'bind roles with permissions they do not hold' },
  { verb: 'impersonate', groups: ['', 'authentication.k8s.io'], resources: ['users', 'groups', 'serviceaccounts', 'uids', 'userextras/*'], effect: 'act as any user, group or service account, system:masters included' },
] as const;

export const noRbacEscalationVerbs = defineRule({
  meta: {
    id: 'K8S-0014',
    slug: 'no-rbac-escalation-verbs',
    title: 'Role grants the escalate, bind or impersonate verb',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'RBAC stops a subject from granting permissions it does not hold, except through three verbs: `escalate` on roles lets it edit a role beyond its own rights, `bind` lets it bind any role, and `impersonate` lets it act as another identity. Granted without `resourceNames`, each is a path to cluster-admin.',
    remediation: 'Remove the escalate, bind and impersonate verbs, or restrict them with `resourceNames` to the roles or identities the subject must manage.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    ],
    aliases: [
      { tool: 'kube-linter', id: 'escalate-verb-in-role', relation: 'same' },
      { tool: 'kube-linter', id: 'bind-verb-in-role', relation: 'same' },
      { tool: 'kube-linter', id: 'impersonate-without-resource-names', relation: 'same' },
    ],
    compliance: ['cis-k8s-1.9:5.1.8', 'nist-800-190:4.3.1', 'pci-dss-4.0:7.2.2', 'nsa-cisa-k8s-1.2:authz/rbac'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
      expression:
        'object.?rules.orValue([]).all(r, !(size(r.?resourceNames.orValue([])) == 0 && (("escalate" in r.?verbs.orValue([]) && r.?apiGroups.orValue([]).exists(a, a == "*" || a in ["rbac.authorization.k8s.io"]) && r.?resources.orValue([]).exists(x, (x == "*" || x == "roles") || (x == "*" || x == "clusterroles"))) || ("bind" in r.?verbs.orValue([]) && r.?apiGroups.orValue([]).exists(a, a == "*" || a in ["rbac.authorization.k8s.io"]) && r.?resources.orValue([]).exists(x, (x == "*" || x == "roles") || (x == "*" || x == "clusterroles"))) || ("impersonate" in r.?verbs.orValue([]) && r.?apiGroups.orValue([]).exists(a, a == "*" || a in ["", "authentication.k8s.io"]) && r.?resources.orValue([]).exists(x, (x == "*" || x == "users") || (x == "*" || x == "groups") || (x == "*" || x == "serviceaccounts") || (x == "*" || x == "uids") || (x == "*" || x == "userextras/*" || (x.contains("/") && (x.split("/")[0] == "*" || x.split("/")[0] == "userextras") && x.split("/")[1] == "*")))))))',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + " must not grant escalate, bind or impersonate."',
    },
    messages: {
      escalationVerb: 'Rule {rule} of {object} grants "{verb}" on {resources} without resourceNames, so its subjects can {effect}.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    if (!isRbacRole(artifact.ref)) return;
    for (const rule of policyRulesOf(artifact.object)) {
      if (rule.resourceNames.length > 0) continue;
      for (const { verb, groups, resources, effect } of ESCALATION_VERBS) {
        const index = rule.verbs.indexOf(verb);
        if (index === -1 || !appliesToGroup(rule, groups) || !appliesToResource(rule, resources)) continue;
        const data = { rule: rule.index + 1, object: describeObject(artifact.ref), verb, resources: namedResources(rule), effect };
        context.report({ messageId: 'escalationVerb', at: { pointer: `${rule.pointer}/verbs/${index}` }, data });
      }
    }
  },
});

function namedResources(rule: PolicyRuleRef): string {
  return rule.resources.map((resource) => `"${resource}"`).join(', ');
}
