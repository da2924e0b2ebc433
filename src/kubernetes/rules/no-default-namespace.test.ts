import assert from 'node:assert/strict';
import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noDefaultNamespace } from './no-default-namespace.ts';

const UNPLACED = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n';

runRuleTests(noDefaultNamespace, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [UNPLACED, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: shop}\n'],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\n',
      findings: [{ messageId: 'explicitDefault', line: 5, column: 14, endColumn: 21, message: 'Service "web" is placed in the default namespace.' }],
    },
  ],
});

const strict = noDefaultNamespace.configure({ reportMissing: true });
assert.ok(strict.ok);
runRuleTests(strict.value, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
  ],
  fail: [
    {
      code: UNPLACED,
      findings: [{ messageId: 'missingNamespace', line: 3, column: 1, endColumn: 9, message: 'Deployment "web" names no namespace, so it lands in the default namespace unless one is set when it is applied.' }],
    },
  ],
});
