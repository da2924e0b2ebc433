import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noRbacPodExec } from './no-rbac-pod-exec.ts';

const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: debug, namespace: shop}\nrules:\n';

runRuleTests(noRbacPodExec, { analyzer: kubernetesAnalyzer, path: 'rbac.yaml' }, {
  pass: [
    `${ROLE}  - apiGroups: [""]\n    resources: [pods, pods/log]\n    verbs: [get, list, create]\n`,
    `${ROLE}  - apiGroups: [""]\n    resources: ["*"]\n    verbs: [create]\n`,
    `${ROLE}  - apiGroups: [apps]\n    resources: [pods/exec]\n    verbs: [create]\n`,
    `${ROLE}  - apiGroups: [""]\n    resources: [pods/exec]\n    verbs: [list]\n`,
  ],
  fail: [
    {
      code: `${ROLE}  - apiGroups: [""]\n    resources: [pods, pods/exec]\n    verbs: [get, create]\n`,
      findings: [{ messageId: 'podExec', line: 7, column: 13, endColumn: 16, message: 'Rule 1 of Role "debug" lets its subjects "get" exec in pods.' }],
    },
    {
      code: `${ROLE}  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: ["*"]\n  - apiGroups: [""]\n    resources: [pods/attach]\n    verbs: [create]\n`,
      findings: [
        { messageId: 'podExec', line: 7, column: 13, endColumn: 16, message: 'Rule 1 of Role "debug" lets its subjects "*" exec in pods.' },
        { messageId: 'podExec', line: 10, column: 13, endColumn: 19, message: 'Rule 2 of Role "debug" lets its subjects "create" attach in pods.' },
      ],
    },
  ],
});
