import { runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireNetworkPolicy } from './require-network-policy.ts';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n';
const UNPLACED = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers: [{name: w, image: "busybox:1.36"}]\n';
const DENY_ALL = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
const DENY_ALL_UNPLACED = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny}\nspec: {podSelector: {}}\n';

runProjectRuleTests(requireNetworkPolicy, kubernetesAnalyzer, {
  pass: [
    { 'ns.yaml': NAMESPACE, 'deploy.yaml': DEPLOYMENT, 'netpol.yaml': DENY_ALL },
    { 'deploy.yaml': UNPLACED, 'netpol.yaml': DENY_ALL_UNPLACED },
    { 'deploy.yaml': `${DEPLOYMENT}---\n${UNPLACED}`, 'global.yaml': 'apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata: {name: deny}\nspec: {}\n' },
    { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n', 'config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: other}\n' },
  ],
  fail: [
    {
      files: { 'ns.yaml': NAMESPACE, 'deploy.yaml': DEPLOYMENT },
      findings: [{ path: 'ns.yaml', messageId: 'namespaceWithoutPolicy', line: 4, column: 9, endColumn: 13, message: 'No NetworkPolicy in the scanned files applies to namespace "shop".' }],
    },
    {
      files: { 'a.yaml': `${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: web', 'name: api')}`, 'b.yaml': UNPLACED, 'netpol.yaml': DENY_ALL.replace('namespace: shop', 'namespace: other') },
      findings: [
        { path: 'a.yaml', messageId: 'workloadsWithoutPolicy', line: 5, column: 14, endColumn: 18, message: 'No NetworkPolicy in the scanned files applies to namespace "shop", used by 2 workload(s).' },
        { path: 'b.yaml', messageId: 'unnamespacedWithoutPolicy', line: 3, column: 1, endColumn: 9, message: 'No NetworkPolicy in the scanned files applies to the namespace 1 workload(s) without a namespace are deployed to.' },
      ],
    },
  ],
});
