import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireRunAsNonRoot } from './require-run-as-non-root.ts';

runRuleTests(requireRunAsNonRoot, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n    - name: sidecar\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext: {runAsNonRoot: true}\n  initContainers:\n    - name: init\n      securityContext: {runAsNonRoot: true}\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: web\n      securityContext: {runAsNonRoot: null}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      findings: [
        {
          messageId: 'notSet',
          line: 6,
          column: 7,
          endLine: 7,
          endColumn: 24,
          message: 'Container "web" may run as root: neither it nor the pod sets securityContext.runAsNonRoot to true.',
        },
      ],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      securityContext:\n        runAsNonRoot: false\n',
      findings: [{ messageId: 'containerDisabled', line: 10, column: 23, endColumn: 28, message: 'Container "web" sets securityContext.runAsNonRoot to false.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext:\n    runAsNonRoot: false\n  containers:\n    - name: web\n      securityContext: {runAsNonRoot: true}\n    - name: sidecar\n      securityContext: {runAsUser: 1000}\n',
      findings: [
        { messageId: 'podDisabled', line: 6, column: 19, endColumn: 24, message: 'The pod sets securityContext.runAsNonRoot to false.' },
        { messageId: 'notSet', line: 11, column: 7, endColumn: 22 },
      ],
    },
    {
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      securityContext: {runAsUser: 999}\n      containers:\n        - name: db\n          securityContext: {readOnlyRootFilesystem: true}\n      initContainers:\n        - name: init\n          securityContext: {runAsNonRoot: true}\n',
      findings: [{ messageId: 'notSet', line: 10, column: 11, endColumn: 26 }],
    },
  ],
});
