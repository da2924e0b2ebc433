import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireReadinessProbe } from './require-readiness-probe.ts';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

runRuleTests(requireReadinessProbe, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    `${DEPLOYMENT}          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n`,
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: flyway:10}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: once}\nspec:\n  restartPolicy: OnFailure\n  containers: [{name: task, image: busybox:1.36}]\n',
    `${DEPLOYMENT}          readinessProbe: {tcpSocket: {port: 80}}\n      initContainers: [{name: init, image: busybox:1.36}]\n`,
  ],
  fail: [
    {
      code: `${DEPLOYMENT}          livenessProbe: {tcpSocket: {port: 80}}\n`,
      findings: [{ messageId: 'noProbe', line: 8, column: 17, endColumn: 20, message: 'Container "web" has no readiness probe; it receives traffic before it can serve it.' }],
    },
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - image: nginx:1.27\n',
      findings: [{ messageId: 'noProbe', line: 6, column: 7, endColumn: 24 }],
    },
  ],
});
