import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noNodeportService } from './no-nodeport-service.ts';

runRuleTests(noNodeportService, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: ClusterIP\n  ports: [{port: 80}]\n',
    'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n',
      findings: [{ messageId: 'nodePort', line: 5, column: 9, endColumn: 17, message: 'Service type NodePort exposes the Service on a port of every node.' }],
    },
    {
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    spec: {type: ClusterIP}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n    spec: {type: "NodePort"}\n',
      findings: [{ messageId: 'nodePort', line: 11, column: 18, endColumn: 28 }],
    },
  ],
});
