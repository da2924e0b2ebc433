import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noRbacWildcards } from './no-rbac-wildcards.ts';

runRuleTests(noRbacWildcards, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader}\nrules:\n  - apiGroups: [""]\n    resources: [pods, pods/log]\n    verbs: [get, list, watch]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: reader}\nroleRef: {kind: Role, name: "*", apiGroup: rbac.authorization.k8s.io}\n',
    'apiVersion: example.com/v1\nkind: Role\nmetadata: {name: app}\nrules:\n  - verbs: ["*"]\n',
  ],
  fail: [
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin}\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n',
      findings: [
        { messageId: 'wildcardApiGroup', line: 5, column: 17, endColumn: 20, message: 'Rule 1 of ClusterRole "admin" applies to every API group ("*").' },
        { messageId: 'wildcardResource', line: 6, column: 17, endColumn: 20, message: 'Rule 1 of ClusterRole "admin" grants access to resources "*".' },
        { messageId: 'wildcardVerb', line: 7, column: 13, endColumn: 16, message: 'Rule 1 of ClusterRole "admin" grants every verb ("*").' },
      ],
    },
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: scaler, namespace: shop}\nrules:\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n  - apiGroups: [apps]\n    resources:\n      - deployments\n      - "*/scale"\n    verbs: [update]\n',
      findings: [{ messageId: 'wildcardResource', line: 11, column: 9, endColumn: 18, message: 'Rule 2 of Role "scaler" grants access to resources "*/scale".' }],
    },
  ],
});
