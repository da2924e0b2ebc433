import { defineRule } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { appliesToGroup, appliesToResource, describeObject, grantedVerbIndex, isRbacRole, policyRulesOf } from '../rbac.ts';

/** `create` opens the stream; older API servers also accepted `get` over WebSockets. */
const EXEC_VERBS = ['create', 'get'];

export const noRbacPodExec = defineRule({
  meta: {
    id: 'K8S-0016',
    slug: 'no-rbac-pod-exec',
    title: 'Role allows exec or attach into pods',
    severity: 'medium',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'The `pods/exec` and `pods/attach` subresources run commands in, or attach to, any container of the namespace: its subjects get a shell with the container\'s identity, mounted Secrets and service account token, past every admission control.',
    remediation: 'Remove `pods/exec` and `pods/attach` from roles used by applications and automation; give interactive access through a break-glass role bound only when needed.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#exec-and-attach', 'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb'],
    aliases: [],
    compliance: ['nist-800-190:4.3.1', 'pci-dss-4.0:7.2.2', 'nsa-cisa-k8s-1.2:authz/rbac'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }],
      expression:
        'object.?rules.orValue([]).all(r, !(r.?apiGroups.orValue([]).exists(a, a == "*" || a in [""]) && (r.?resources.orValue([]).exists(x, (x == "*" || x == "pods/exec" || (x.contains("/") && (x.split("/")[0] == "*" || x.split("/")[0] == "pods") && (x.split("/")[1] == "*" || x.split("/")[1] == "exec")))) || r.?resources.orValue([]).exists(x, (x == "*" || x == "pods/attach" || (x.contains("/") && (x.split("/")[0] == "*" || x.split("/")[0] == "pods") && (x.split("/")[1] == "*" || x.split("/")[1] == "attach"))))) && !r.?resources.orValue([]).all(x, x == "*") && r.?verbs.orValue([]).exists(v, v == "*" || v in ["create", "get"])))',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + " must not grant pods/exec or pods/attach."',
    },
    messages: {
      podExec: 'Rule {rule} of {object} lets its subjects "{verb}" {subresource} in pods.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    if (!isRbacRole(artifact.ref)) return;
    for (const rule of policyRulesOf(artifact.object)) {
      if (!appliesToGroup(rule, [''])) continue;
      const subresource = ['pods/exec', 'pods/attach'].find((candidate) => appliesToResource(rule, [candidate]));
      // A bare `*` resource is no-rbac-wildcards' finding.
      if (subresource === undefined || rule.resources.every((resource) => resource === '*')) continue;
      const index = grantedVerbIndex(rule, EXEC_VERBS);
      if (index === -1) continue;
      const data = { rule: rule.index + 1, object: describeObject(artifact.ref), verb: rule.verbs[index] ?? '', subresource: subresource.slice('pods/'.length) };
      context.report({ messageId: 'podExec', at: { pointer: `${rule.pointer}/verbs/${index}` }, data });
    }
  },
});
