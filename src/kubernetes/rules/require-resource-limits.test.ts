import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireResourceLimits } from './require-resource-limits.ts';

runRuleTests(requireResourceLimits, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      resources:\n        limits: {cpu: 500m, memory: 256Mi}\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      resources: {limits: {cpu: 1, memory: 1Gi}}\n  ephemeralContainers:\n    - name: debug\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      resources:\n        requests: {cpu: 100m}\n',
      findings: [{ messageId: 'noLimits', line: 7, column: 7, endColumn: 16, message: 'Container "web" sets no CPU or memory limit.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      resources:\n        limits:\n          memory: 256Mi\n',
      findings: [{ messageId: 'noCpuLimit', line: 8, column: 9, endColumn: 15, message: 'Container "web" sets no CPU limit.' }],
    },
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources: {limits: {cpu: 500m, memory: ""}}\n      initContainers:\n        - name: init\n',
      findings: [
        { messageId: 'noMemoryLimit', line: 9, column: 51, endColumn: 53, message: 'Container "web" sets no memory limit.' },
        { messageId: 'noLimits', line: 11, column: 11, endColumn: 21, message: 'Container "init" sets no CPU or memory limit.' },
      ],
    },
  ],
});
