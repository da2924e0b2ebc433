import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noAutomountedToken } from './no-automounted-token.ts';

runRuleTests(noAutomountedToken, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: web, image: "nginx:1.27"}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web}\nautomountServiceAccountToken: true\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: operator}\nspec:\n  serviceAccountName: operator\n  automountServiceAccountToken: true\n  containers: [{name: op, image: "op:1"}]\n',
  ],
  fail: [
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n',
      findings: [{ messageId: 'notDisabled', line: 6, column: 5, endColumn: 9, message: 'The pod does not set automountServiceAccountToken: false, so every container gets an API token.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: default\n  automountServiceAccountToken: true\n  containers: [{name: web, image: "nginx:1.27"}]\n',
      findings: [{ messageId: 'enabled', line: 6, column: 33, endColumn: 37, message: 'The pod sets automountServiceAccountToken: true for the default service account, so every container gets its API token.' }],
    },
  ],
});
