import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireIngressTls } from './require-ingress-tls.ts';

runRuleTests(requireIngressTls, { analyzer: kubernetesAnalyzer, path: 'deploy.yaml' }, {
  pass: [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls:\n    - hosts: ["*.example.com"]\n  rules:\n    - host: Shop.Example.com\n    - host: api.example.com\n    - http: {paths: []}\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls:\n    - secretName: default-tls\n  rules:\n    - host: shop.example.com\n',
    'apiVersion: example.com/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules: [{host: shop.example.com}]\n',
  ],
  fail: [
    {
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n    - host: shop.example.com\n',
      findings: [{ messageId: 'noTls', line: 4, column: 1, endColumn: 5, message: 'Ingress has no TLS section; its hosts are served over plain HTTP.' }],
    },
    {
      code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls: []\n',
      findings: [{ messageId: 'noTls', line: 5, column: 8, endColumn: 10 }],
    },
    {
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls:\n    - hosts: ["*.example.com"]\n      secretName: wildcard-tls\n  rules:\n    - host: shop.example.com\n    - host: example.com\n    - host: a.b.example.com\n',
      findings: [
        { messageId: 'hostNotCovered', line: 10, column: 13, endColumn: 24, message: 'Host "example.com" is not covered by any TLS entry of the Ingress.' },
        { messageId: 'hostNotCovered', line: 11, column: 13, endColumn: 28, message: 'Host "a.b.example.com" is not covered by any TLS entry of the Ingress.' },
      ],
    },
  ],
});
