import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireReadonlyRootFilesystem } from './require-readonly-root-filesystem.ts';

runRuleTests(requireReadonlyRootFilesystem, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext:\n        readOnlyRootFilesystem: true\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext: {readOnlyRootFilesystem: true}\n  ephemeralContainers:\n    - name: debug\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      securityContext:\n        readOnlyRootFilesystem: false\n',
      findings: [{ messageId: 'disabled', line: 8, column: 33, endColumn: 38, message: 'Container "web" sets securityContext.readOnlyRootFilesystem to false.' }],
    },
    {
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: wait\n          securityContext: {runAsNonRoot: true}\n      containers:\n        - {name: migrate, image: "example/migrate:3"}\n',
      findings: [
        { messageId: 'notSet', line: 11, column: 11, endColumn: 54, message: 'Container "migrate" does not set securityContext.readOnlyRootFilesystem to true.' },
        { messageId: 'notSet', line: 9, column: 11, endColumn: 26, message: 'Container "wait" does not set securityContext.readOnlyRootFilesystem to true.' },
      ],
    },
  ],
});
