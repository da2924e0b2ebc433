import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noPrivilegeEscalation } from './no-privilege-escalation.ts';

runRuleTests(noPrivilegeEscalation, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext: {allowPrivilegeEscalation: no}\n  initContainers:\n    - name: init\n      securityContext: {allowPrivilegeEscalation: false}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext:\n        allowPrivilegeEscalation: true\n',
      findings: [{ messageId: 'allowed', line: 8, column: 35, endColumn: 39, message: 'Container "web" sets securityContext.allowPrivilegeEscalation to true.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext:\n        runAsNonRoot: true\n',
      findings: [{ messageId: 'notDisabled', line: 7, column: 7, endColumn: 22, message: 'Container "web" does not set securityContext.allowPrivilegeEscalation to false.' }],
    },
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      findings: [{ messageId: 'notDisabled', line: 8, column: 11, endLine: 9, endColumn: 28 }],
    },
  ],
});
