import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noCommittedSecrets } from './no-committed-secrets.ts';

runRuleTests(noCommittedSecrets, { analyzer: kubernetesAnalyzer, path: 'secret.yaml' }, {
  pass: [
    'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\nspec:\n  encryptedData: {password: AgBy8hCi}\n',
    'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: db}\nspec:\n  secretStoreRef: {name: vault, kind: ClusterSecretStore}\n',
    'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]\nsops:\n  version: 3.9.0\n',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sa-token\n  annotations: {kubernetes.io/service-account.name: build}\ntype: kubernetes.io/service-account-token\n',
    'apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\nstringData:\n  password: ""\n',
  ],
  fail: [
    {
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ntype: Opaque\ndata:\n  password: aHVudGVyMg==\nstringData:\n  user: admin\n',
      findings: [{ messageId: 'plainSecret', line: 6, column: 3, endColumn: 25, message: 'Secret "db" has its data in the manifest, readable by anyone with the repository.' }],
    },
    {
      code: '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "api"}, "stringData": {"token": "abc"}}',
      path: 'secret.json',
      findings: [{ messageId: 'plainSecret', line: 1, column: 83, endColumn: 99, message: 'Secret "api" has its stringData in the manifest, readable by anyone with the repository.' }],
    },
  ],
});

it('no-committed-secrets: the evidence never repeats a value', () => {
  const [finding] = findingsOf(noCommittedSecrets, { analyzer: kubernetesAnalyzer, path: 'secret.yaml' }, 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: aHVudGVyMg==\n  user: YWRtaW4=\n');
  assert.equal(finding?.evidence, 'data: (2 value(s) redacted)');
});
