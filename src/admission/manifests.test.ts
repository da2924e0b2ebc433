import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { runScan } from '../scan/run-scan.ts';
import { admissionManifests } from './manifests.ts';

const WORK = mkdtempSync(join(tmpdir(), 'palisade-manifests-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

function objects(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((document) => {
    const value: unknown = document.toJS();
    assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
    return Object.fromEntries(Object.entries(value));
  });
}

test('both variants pass palisade scan at the restricted level with no findings at all', async () => {
  for (const [name, text] of [
    ['cert-manager', admissionManifests({ trust: { kind: 'cert-manager' } })],
    ['ca-bundle', admissionManifests({ trust: { kind: 'ca-bundle', pem: PEM }, namespace: 'guard', failurePolicy: 'Ignore', timeoutSeconds: 10 })],
    ['mutate', admissionManifests({ trust: { kind: 'cert-manager' }, mutate: true })],
  ] as const) {
    const file = join(WORK, `${name}.yaml`);
    writeFileSync(file, text);
    const outcome = await runScan({ target: file, failOn: 'info', ruleOptions: { 'pod-security': { level: 'restricted' } } });
    assert.deepEqual(outcome.report.findings.filter((finding) => finding.suppression === undefined), [], name);
    assert.deepEqual(outcome.report.errors, [], name);
    assert.equal(outcome.exitCode, 0, name);
  }
});

test('the objects and the webhook configuration', () => {
  const list = objects(admissionManifests({ trust: { kind: 'ca-bundle', pem: PEM }, namespace: 'guard', failurePolicy: 'Ignore', timeoutSeconds: 10 }));
  assert.deepEqual(
    list.map((object) => object['kind']),
    ['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Deployment', 'PodDisruptionBudget', 'Service', 'NetworkPolicy', 'ValidatingWebhookConfiguration'],
  );
  const webhook = JSON.stringify(list.at(-1));
  assert.ok(webhook.includes(`"caBundle":"${Buffer.from(PEM).toString('base64')}"`));
  assert.ok(webhook.includes('"failurePolicy":"Ignore"'));
  assert.ok(webhook.includes('"timeoutSeconds":10'));
  assert.ok(webhook.includes('"namespaceSelector":{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["kube-system","guard"]}]}'));
  assert.ok(webhook.includes('"service":{"namespace":"guard","name":"palisade-admission","path":"/validate","port":443}'));
  const deployment = JSON.stringify(list[5]);
  assert.ok(deployment.includes('"replicas":2'));
  assert.ok(deployment.includes('"readOnlyRootFilesystem":true'));
  assert.ok(deployment.includes('"--deadline=9000"'));
  assert.ok(deployment.includes('"podAntiAffinity"'));
});

test('the cert-manager variant has an Issuer and a Certificate and asks for CA injection', () => {
  const list = objects(admissionManifests({ trust: { kind: 'cert-manager' } }));
  assert.deepEqual(
    list.filter((object) => object['apiVersion'] === 'cert-manager.io/v1').map((object) => object['kind']),
    ['Issuer', 'Certificate'],
  );
  const webhook = JSON.stringify(list.at(-1));
  assert.ok(webhook.includes('"cert-manager.io/inject-ca-from":"palisade-system/palisade-admission"'));
  assert.ok(!webhook.includes('caBundle'));
  assert.ok(JSON.stringify(list).includes('"dnsNames":["palisade-admission.palisade-system.svc","palisade-admission.palisade-system.svc.cluster.local"]'));
});

test('with mutate, a MutatingWebhookConfiguration for /mutate that never blocks', () => {
  const list = objects(admissionManifests({ trust: { kind: 'cert-manager' }, mutate: true }));
  const mutating = list.find((object) => object['kind'] === 'MutatingWebhookConfiguration');
  const text = JSON.stringify(mutating);
  assert.ok(text.includes('"path":"/mutate"'));
  assert.ok(text.includes('"failurePolicy":"Ignore"'));
  assert.ok(text.includes('"operations":["CREATE"]'));
  assert.ok(JSON.stringify(list.find((object) => object['kind'] === 'Deployment')).includes('"--mutate","--verify-policy=/etc/palisade/config/verify-policy.yaml"'));
});
