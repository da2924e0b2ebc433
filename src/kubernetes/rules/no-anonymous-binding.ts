import { defineRule } from '../../core/index.ts';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { describeObject, isRbacBinding } from '../rbac.ts';

/** Who each group stands for. */
const EVERYONE: ReadonlyMap<string, string> = new Map([
  ['system:anonymous', 'every unauthenticated request'],
  ['system:unauthenticated', 'every unauthenticated request'],
  ['system:authenticated', 'every authenticated user and service account of the cluster'],
]);

interface Options {
  readonly allowedRoles: readonly string[];
}

export const noAnonymousBinding = defineRule<KubernetesObjectArtifact, 'everyone', Options>({
  meta: {
    id: 'K8S-0018',
    slug: 'no-anonymous-binding',
    title: 'Binding grants a role to anonymous or all authenticated users',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A RoleBinding or ClusterRoleBinding whose subject is `system:anonymous`, `system:unauthenticated` or `system:authenticated` grants the role to anyone who can reach the API server, or to every account of the cluster, workloads included.',
    remediation: 'Bind the role to the users, groups or service accounts that need it instead of a system-wide group.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    aliases: [],
    compliance: ['nist-800-190:4.3.1', 'pci-dss-4.0:7.2.1', 'hipaa:164.312(a)(1)', 'nsa-cisa-k8s-1.2:authz/authentication', 'nsa-cisa-k8s-1.2:authz/rbac'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }],
      expression:
        '(object.?roleRef.?kind.orValue("") == "ClusterRole" && object.?roleRef.?name.orValue("") in ["system:basic-user", "system:discovery", "system:public-info-viewer"]) || object.?subjects.orValue([]).all(s, !(s.?name.orValue("") in ["system:anonymous", "system:unauthenticated", "system:authenticated"]))',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("") + " must not grant a role to system:anonymous, system:unauthenticated or system:authenticated."',
    },
    messages: {
      everyone: '{object} grants {role} to "{subject}", that is to {who}.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowedRoles: {
            type: 'array',
            items: { type: 'string' },
            description: 'ClusterRoles that may be bound to these groups (the defaults are the discovery roles Kubernetes itself binds to them).',
          },
        },
      },
      defaults: { allowedRoles: ['system:basic-user', 'system:discovery', 'system:public-info-viewer'] },
    },
  },
  check(context, artifact) {
    const { object, ref } = artifact;
    if (!isRbacBinding(ref)) return;
    const roleRef = objectAt(object, 'roleRef') ?? {};
    const roleName = stringAt(roleRef, 'name') ?? '';
    if (stringAt(roleRef, 'kind') === 'ClusterRole' && context.options.allowedRoles.includes(roleName)) return;
    arrayAt(object, 'subjects').forEach((subject, index) => {
      const name = isJsonObject(subject) ? stringAt(subject, 'name') : undefined;
      const who = name === undefined ? undefined : EVERYONE.get(name);
      if (name === undefined || who === undefined) return;
      const data = { object: describeObject(ref), role: `${stringAt(roleRef, 'kind') ?? 'role'} "${roleName}"`, subject: name, who };
      context.report({ messageId: 'everyone', at: { pointer: `/subjects/${index}/name` }, data });
    });
  },
});
