import { defineRule } from '../../core/index.ts';
import { objectAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf } from '../workload.ts';

const BINDING_KINDS = new Set(['ClusterRoleBinding', 'RoleBinding']);

export const noClusterAdminBinding = defineRule({
  meta: {
    id: 'K8S-0013',
    slug: 'no-cluster-admin-binding',
    title: 'Binding grants the cluster-admin role',
    severity: 'high',
    kind: 'misconfig',
    stability: 'stable',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'The `cluster-admin` ClusterRole allows every verb on every resource. Bound by a ClusterRoleBinding it gives its subjects full control of the whole cluster; bound by a RoleBinding, full control of the namespace, including its Secrets and RBAC.',
    remediation: 'Bind a Role or ClusterRole that grants only the resources and verbs the subjects need. Keep cluster-admin for break-glass accounts managed outside the application manifests.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
    aliases: [{ tool: 'kube-linter', id: 'cluster-admin-role-binding', relation: 'same' }],
    compliance: ['cis-k8s-1.9:5.1.1', 'nist-800-190:4.3.1', 'pci-dss-4.0:7.2.2', 'hipaa:164.312(a)(1)', 'nsa-cisa-k8s-1.2:authz/rbac'],
    packs: ['rbac'],
    cel: {
      kinds: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }],
      expression:
        '!(object.?roleRef.?kind.orValue("") == "ClusterRole" && object.?roleRef.?name.orValue("") == "cluster-admin")',
      message:
        'object.kind + " " + object.?metadata.?name.orValue("(unnamed)") + " must not grant the cluster-admin ClusterRole."',
    },
    messages: {
      clusterAdmin: '{kind} "{name}" grants the cluster-admin role to {subjects}.',
    },
  },
  check(context, artifact: KubernetesObjectArtifact) {
    const { object, ref } = artifact;
    if (!BINDING_KINDS.has(ref.kind) || apiGroupOf(ref.apiVersion) !== 'rbac.authorization.k8s.io') return;
    const roleRef = objectAt(object, 'roleRef');
    if (roleRef?.['kind'] !== 'ClusterRole' || roleRef['name'] !== 'cluster-admin') return;
    context.report({
      messageId: 'clusterAdmin',
      at: { pointer: '/roleRef/name' },
      data: { kind: ref.kind, name: ref.name ?? '(unnamed)', subjects: describeSubjects(object['subjects']) },
    });
  },
});

function describeSubjects(subjects: unknown): string {
  if (!Array.isArray(subjects) || subjects.length === 0) return 'no subjects yet';
  const names = subjects.map((subject: unknown) => {
    if (typeof subject !== 'object' || subject === null) return '?';
    const kind = 'kind' in subject && typeof subject.kind === 'string' ? subject.kind : '?';
    const name = 'name' in subject && typeof subject.name === 'string' ? subject.name : '?';
    const namespace = 'namespace' in subject && typeof subject.namespace === 'string' ? `${subject.namespace}/` : '';
    return `${kind} ${namespace}${name}`;
  });
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}
