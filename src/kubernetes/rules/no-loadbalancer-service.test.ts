import assert from 'node:assert/strict';
import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noLoadbalancerService } from './no-loadbalancer-service.ts';

const LB = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

runRuleTests(noLoadbalancerService, { analyzer: kubernetesAnalyzer, path: 'svc.yaml' }, {
  pass: [
    `${LB}spec:\n  type: ClusterIP\n  ports: [{port: 80}]\n`,
    `${LB}spec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n`,
    `${LB}  annotations:\n    networking.gke.io/load-balancer-type: Internal\nspec:\n  type: LoadBalancer\n`,
    'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec: {type: LoadBalancer}\n',
  ],
  fail: [
    { code: `${LB}spec:\n  type: LoadBalancer\n  ports: [{port: 443}]\n`, findings: [{ messageId: 'loadBalancer', line: 6, column: 9, endColumn: 21, message: 'Service "web" of type LoadBalancer accepts traffic from any address.' }] },
    { code: `${LB}  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: "false"\nspec:\n  type: LoadBalancer\n`, findings: [{ messageId: 'loadBalancer', line: 8, column: 9, endColumn: 21 }] },
  ],
});

const strict = noLoadbalancerService.configure({ allowSourceRanges: false, allowInternal: false });
assert.ok(strict.ok);
runRuleTests(strict.value, { analyzer: kubernetesAnalyzer, path: 'svc.yaml' }, {
  pass: [],
  fail: [{ code: `${LB}spec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n`, findings: [{ messageId: 'loadBalancer', line: 6, column: 9, endColumn: 21 }] }],
});
