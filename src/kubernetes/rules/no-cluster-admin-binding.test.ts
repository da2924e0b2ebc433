import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noClusterAdminBinding } from './no-cluster-admin-binding.ts';

runRuleTests(noClusterAdminBinding, { analyzer: kubernetesAnalyzer, path: 'rbac.yaml' }, {
  pass: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: view}\nsubjects: [{kind: Group, name: devs}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: local, namespace: shop}\nsubjects: [{kind: User, name: ann}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}\n',
    'apiVersion: example.com/v1\nkind: ClusterRoleBinding\nmetadata: {name: x}\nroleRef: {kind: ClusterRole, name: cluster-admin}\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: broken}\nroleRef: cluster-admin\n',
  ],
  fail: [
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: orders-admin\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n',
      findings: [{ messageId: 'clusterAdmin', line: 12, column: 9, endColumn: 22, message: 'ClusterRoleBinding "orders-admin" grants the cluster-admin role to ServiceAccount shop/default.' }],
    },
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ns-admin, namespace: shop}\nsubjects:\n  - {kind: User, name: a}\n  - {kind: User, name: b}\n  - {kind: User, name: c}\n  - {kind: Group, name: d}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "cluster-admin"}\n',
      findings: [{ messageId: 'clusterAdmin', line: 9, column: 73, endColumn: 88, message: 'RoleBinding "ns-admin" grants the cluster-admin role to User a, User b, User c and 1 more.' }],
    },
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: empty}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n',
      findings: [{ messageId: 'clusterAdmin', line: 4, column: 73, endColumn: 86, message: 'ClusterRoleBinding "empty" grants the cluster-admin role to no subjects yet.' }],
    },
  ],
});
