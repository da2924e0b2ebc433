import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noAnonymousBinding } from './no-anonymous-binding.ts';

const BINDING = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: open}\n';

runRuleTests(noAnonymousBinding, { analyzer: kubernetesAnalyzer, path: 'rbac.yaml' }, {
  pass: [
    `${BINDING}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n  - {kind: Group, name: developers, apiGroup: rbac.authorization.k8s.io}\n`,
    `${BINDING}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}\nsubjects:\n  - {kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io}\n`,
    'apiVersion: example.com/v1\nkind: RoleBinding\nmetadata: {name: x}\nsubjects:\n  - {kind: Group, name: system:authenticated}\n',
  ],
  fail: [
    {
      code: `${BINDING}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n  - kind: User\n    name: system:anonymous\n  - kind: Group\n    name: system:authenticated\n`,
      findings: [
        { messageId: 'everyone', line: 7, column: 11, endColumn: 27, message: 'ClusterRoleBinding "open" grants ClusterRole "view" to "system:anonymous", that is to every unauthenticated request.' },
        { messageId: 'everyone', line: 9, column: 11, endColumn: 31, message: 'ClusterRoleBinding "open" grants ClusterRole "view" to "system:authenticated", that is to every authenticated user and service account of the cluster.' },
      ],
    },
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: system:discovery}\nsubjects: [{kind: Group, name: system:unauthenticated}]\n',
      findings: [{ messageId: 'everyone', line: 5, column: 32, endColumn: 54 }],
    },
  ],
});
