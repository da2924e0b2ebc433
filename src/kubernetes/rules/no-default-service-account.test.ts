import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noDefaultServiceAccount } from './no-default-service-account.ts';

runRuleTests(noDefaultServiceAccount, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: web\n  containers: [{name: web}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: web}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: default\n  automountServiceAccountToken: false\n  containers: [{name: web}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccount: legacy\n  containers: [{name: web}]\n',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n',
  ],
  fail: [
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web}]\n',
      findings: [{ messageId: 'noAccount', line: 6, column: 5, endColumn: 9, message: 'The pod names no service account, so it runs as "default" with its API token mounted.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: default\n  automountServiceAccountToken: true\n  containers: [{name: web}]\n',
      findings: [{ messageId: 'defaultAccount', line: 5, column: 23, endColumn: 30, message: 'The pod runs as the "default" service account and its API token is mounted.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccount: default\n  containers: [{name: web}]\n',
      findings: [{ messageId: 'defaultAccount', line: 5, column: 19, endColumn: 26 }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  serviceAccountName: ""\n  containers: [{name: web}]\n',
      findings: [{ messageId: 'noAccount', line: 5, column: 23, endColumn: 25 }],
    },
  ],
});
