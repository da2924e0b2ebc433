import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noRbacNodeProxy } from './no-rbac-node-proxy.ts';

const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: monitoring}\nrules:\n';

runRuleTests(noRbacNodeProxy, { analyzer: kubernetesAnalyzer, path: 'rbac.yaml' }, {
  pass: [
    `${ROLE}  - apiGroups: [""]\n    resources: [nodes, nodes/metrics, nodes/stats]\n    verbs: [get, list]\n`,
    `${ROLE}  - apiGroups: [""]\n    resources: ["*"]\n    verbs: [get]\n`,
    `${ROLE}  - apiGroups: [metrics.k8s.io]\n    resources: [nodes/proxy]\n    verbs: [get]\n`,
  ],
  fail: [
    {
      code: `${ROLE}  - apiGroups: [""]\n    resources: [nodes, nodes/proxy]\n    verbs: [get]\n`,
      findings: [{ messageId: 'nodeProxy', line: 6, column: 24, endColumn: 35, message: 'Rule 1 of ClusterRole "monitoring" grants access to "nodes/proxy", which proxies to the kubelet API of every node.' }],
    },
    {
      code: `${ROLE}  - apiGroups: ["*"]\n    resources:\n      - "nodes/*"\n    verbs: [list]\n`,
      findings: [{ messageId: 'nodeProxy', line: 7, column: 9, endColumn: 18 }],
    },
  ],
});
