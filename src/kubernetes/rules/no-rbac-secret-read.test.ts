import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noRbacSecretRead } from './no-rbac-secret-read.ts';

const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app, namespace: shop}\nrules:\n';

runRuleTests(noRbacSecretRead, { analyzer: kubernetesAnalyzer, path: 'rbac.yaml' }, {
  pass: [
    `${ROLE}  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n`,
    `${ROLE}  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [create, delete]\n`,
    `${ROLE}  - apiGroups: [""]\n    resources: [secrets]\n    resourceNames: [app-tls]\n    verbs: [get]\n`,
    `${ROLE}  - apiGroups: [apps]\n    resources: ["*"]\n    verbs: [get]\n`,
  ],
  fail: [
    {
      code: `${ROLE}  - apiGroups: [""]\n    resources: [secrets, configmaps]\n    verbs: [create, list, watch]\n`,
      findings: [{ messageId: 'secretRead', line: 7, column: 21, endColumn: 25, message: 'Rule 1 of Role "app" lets its subjects "list" Secrets.' }],
    },
    {
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n  - apiGroups: [""]\n    resources: [secrets]\n    resourceNames: [a]\n    verbs: [get, watch]\n',
      findings: [
        { messageId: 'secretRead', line: 7, column: 13, endColumn: 16, message: 'Rule 1 of ClusterRole "reader" lets its subjects "*" Secrets.' },
        { messageId: 'secretRead', line: 11, column: 18, endColumn: 23 },
      ],
    },
  ],
});
