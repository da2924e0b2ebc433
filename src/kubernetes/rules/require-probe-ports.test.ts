import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireProbePorts } from './require-probe-ports.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: web:1\n';

runRuleTests(requireProbePorts, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}      ports: [{name: http, containerPort: 8080}]\n      livenessProbe: {httpGet: {path: /healthz, port: http}}\n      readinessProbe: {tcpSocket: {port: 8080}}\n`,
    `${POD}      livenessProbe: {httpGet: {path: /healthz, port: 9000}}\n      startupProbe: {exec: {command: [true]}}\n`,
  ],
  fail: [
    {
      code: `${POD}      ports:\n        - name: http\n          containerPort: 8080\n      livenessProbe:\n        httpGet: {path: /healthz, port: htpp}\n      readinessProbe:\n        grpc: {port: 9090}\n`,
      findings: [
        { messageId: 'unknownName', line: 12, column: 41, endColumn: 45, message: 'The livenessProbe of container "web" targets port "htpp", which the container does not name.' },
      ],
    },
    {
      code: `${POD}      startupProbe: {tcpSocket: {port: admin}}\n`,
      findings: [{ messageId: 'unknownName', line: 8, column: 40, endColumn: 45 }],
    },
  ],
});
