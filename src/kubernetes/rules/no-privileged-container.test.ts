import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noPrivilegedContainer } from './no-privileged-container.ts';

runRuleTests(noPrivilegedContainer, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: "true"\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
      findings: [{ messageId: 'privileged', line: 9, column: 21, endColumn: 25, message: 'Container "web" sets securityContext.privileged to true.' }],
    },
    {
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: setup\n          securityContext: {privileged: yes}\n      containers:\n        - name: agent\n          securityContext: {privileged: on}\n',
      findings: [
        { messageId: 'privileged', line: 12, column: 41, endColumn: 43, message: 'Container "agent" sets securityContext.privileged to true.' },
        { messageId: 'privileged', line: 9, column: 41, endColumn: 44, message: 'Container "setup" sets securityContext.privileged to true.' },
      ],
    },
  ],
});
