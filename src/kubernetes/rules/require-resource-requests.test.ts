import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireResourceRequests } from './require-resource-requests.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';

runRuleTests(requireResourceRequests, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}      resources:\n        requests: {cpu: 100m, memory: 64Mi}\n`,
    `${POD}      resources:\n        limits: {cpu: 500m, memory: 256Mi}\n`,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: x, resources: {requests: {cpu: 1, memory: 1Gi}}}]\n  ephemeralContainers: [{name: debug, image: busybox}]\n',
  ],
  fail: [
    {
      code: `${POD}      resources:\n        requests:\n          cpu: 100m\n`,
      findings: [{ messageId: 'noMemoryRequest', line: 9, column: 9, endColumn: 17, message: 'Container "web" sets no memory request.' }],
    },
    {
      code: `${POD}  initContainers:\n    - name: migrate\n      image: flyway:10\n      resources: {requests: {memory: 128Mi}}\n`,
      findings: [
        { messageId: 'noRequests', line: 6, column: 7, endLine: 7, endColumn: 24, message: 'Container "web" sets no CPU or memory request.' },
        { messageId: 'noCpuRequest', line: 11, column: 19, endColumn: 27, message: 'Container "migrate" sets no CPU request.' },
      ],
    },
  ],
});
