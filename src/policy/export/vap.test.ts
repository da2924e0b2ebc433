import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import type { Rule } from '../../core/index.ts';
import { kubernetesRules } from '../../kubernetes/index.ts';
import { compileCel } from '../cel/index.ts';
import { exportValidatingAdmissionPolicies, policyNameOf, validationActionsFor, vapExportToYaml } from './vap.ts';
import { VAP_VARIABLES } from './twin.ts';
import { resourceOf } from './pod-kinds.ts';

const result = exportValidatingAdmissionPolicies(kubernetesRules);
const yamlText = vapExportToYaml(result);
const documents = parseAllDocuments(yamlText).map((document) => {
  assert.deepEqual(document.errors, []);
  const value: unknown = document.toJS();
  assert.ok(value !== null && typeof value === 'object');
  return value;
});

function byId(id: string): Rule {
  const rule = kubernetesRules.find((candidate) => candidate.meta.id === id);
  assert.ok(rule !== undefined, id);
  return rule;
}

test('export: every rule with a twin is exported, every other rule is listed as skipped', () => {
  const withTwin = kubernetesRules.filter((rule) => rule.meta.cel !== undefined).length;
  assert.equal(result.exported.length, withTwin);
  assert.equal(result.skipped.length, kubernetesRules.length - withTwin);
  assert.ok(result.skipped.every((skipped) => skipped.reason === 'no CEL twin'));
  assert.equal(documents.length, withTwin * 2);
});

test('export: the YAML is valid for the kubernetes-models admissionregistration.k8s.io/v1 schemas', () => {
  for (const document of documents) {
    const kind = 'kind' in document ? document.kind : undefined;
    if (kind === 'ValidatingAdmissionPolicy') Object.assign(new ValidatingAdmissionPolicy(), document).validate();
    else if (kind === 'ValidatingAdmissionPolicyBinding') Object.assign(new ValidatingAdmissionPolicyBinding(), document).validate();
    else assert.fail(`unexpected kind ${String(kind)}`);
  }
});

test('export: every expression, variable and message compiles in the VAP environment', () => {
  for (const { policy } of result.exported) {
    const spec = policy['spec'];
    assert.ok(spec !== null && typeof spec === 'object');
    const sources = JSON.stringify(spec).match(/"(?:expression|messageExpression)":"((?:[^"\\]|\\.)*)"/g) ?? [];
    assert.ok(sources.length >= 2);
    for (const entry of sources) {
      const source: unknown = JSON.parse(`{${entry}}`);
      assert.ok(source !== null && typeof source === 'object');
      for (const text of Object.values(source)) {
        assert.equal(typeof text, 'string');
        const compiled = compileCel(String(text), { variables: VAP_VARIABLES });
        assert.ok(compiled.ok, `${String(text)}: ${compiled.ok ? '' : compiled.error.message}`);
      }
    }
  }
});

test('export: K8S-0001 policy and binding, exactly', () => {
  const rule = byId('K8S-0001');
  const pair = result.exported.find((exported) => exported.rule === rule);
  assert.ok(pair !== undefined);
  const name = 'palisade-k8s-0001-no-privileged-container';
  assert.equal(policyNameOf(rule), name);
  assert.deepEqual(pair.binding, {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'palisade' }, annotations: { 'palisade.dev/rule-id': 'K8S-0001' } },
    spec: { policyName: name, validationActions: ['Deny'] },
  });
  assert.deepEqual(pair.policy['metadata'], {
    name,
    labels: { 'app.kubernetes.io/managed-by': 'palisade' },
    annotations: {
      'palisade.dev/rule-id': 'K8S-0001',
      'palisade.dev/rule-slug': 'no-privileged-container',
      'palisade.dev/severity': 'critical',
      'palisade.dev/compliance': 'cis-docker-1.6:5.5,cis-k8s-1.9:5.2.2,nist-800-190:4.4.3,nsa-cisa-k8s-1.2:pod-security/pod-security-enforcement',
      'palisade.dev/options': '{"level":"restricted","version":"latest"}',
    },
  });
  const spec = pair.policy['spec'];
  assert.ok(spec !== null && typeof spec === 'object' && 'matchConstraints' in spec);
  assert.deepEqual(spec.matchConstraints, {
    namespaceSelector: { matchExpressions: [{ key: 'pod-security.kubernetes.io/enforce', operator: 'NotIn', values: ['privileged'] }] },
    resourceRules: [
      { apiGroups: [''], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'podtemplates', 'replicationcontrollers'] },
      { apiGroups: ['apps'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'replicasets', 'daemonsets', 'statefulsets'] },
      { apiGroups: ['extensions'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'replicasets', 'daemonsets'] },
      { apiGroups: ['batch'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'] },
    ],
  });
});

test('export: restricted-only Pod Security rules exempt baseline namespaces too; other rules have no selector', () => {
  const restricted = result.exported.find((exported) => exported.rule.meta.id === 'K8S-0003');
  assert.ok(restricted !== undefined);
  assert.match(JSON.stringify(restricted.policy), /"values":\["privileged","baseline"\]/);
  const nodePort = result.exported.find((exported) => exported.rule.meta.id === 'K8S-0009');
  assert.ok(nodePort !== undefined);
  assert.doesNotMatch(JSON.stringify(nodePort.policy), /namespaceSelector/);
  assert.match(JSON.stringify(nodePort.policy), /"resources":\["services"\]/);
});

test('validation actions: Deny for critical and high, Warn otherwise', () => {
  assert.deepEqual(validationActionsFor(byId('K8S-0001')), ['Deny']);
  assert.deepEqual(validationActionsFor(byId('K8S-0005')), ['Deny']);
  assert.deepEqual(validationActionsFor(byId('K8S-0009')), ['Warn']);
  assert.deepEqual(validationActionsFor(byId('K8S-0008')), ['Warn']);
});

test('resourceOf: plural resource names', () => {
  assert.deepEqual(['Pod', 'Ingress', 'NetworkPolicy', 'Gateway', 'SecurityContextConstraints'].map(resourceOf), ['pods', 'ingresses', 'networkpolicies', 'gateways', 'securitycontextconstraints']);
});

test('export: a rule whose twin does not compile is skipped with the reason', () => {
  const base = byId('K8S-0009');
  const broken: Rule = { ...base, meta: { ...base.meta, cel: { kinds: [{ apiGroup: '', kind: 'Service' }], expression: 'object.spec.type ==', message: '"x"' } } };
  const exported = exportValidatingAdmissionPolicies([broken]);
  assert.equal(exported.exported.length, 0);
  assert.deepEqual(exported.skipped.map((skipped) => skipped.reason), ['CEL twin does not compile: expression: Unexpected token: EOF at offset 19']);
});

test('export: the schema check catches a broken policy (the validation is real)', () => {
  const broken = Object.assign(new ValidatingAdmissionPolicy(), { metadata: { name: 'x' }, spec: { validations: [{ expression: 1 }] } });
  assert.throws(() => broken.validate(), /expression/);
});

test('export: YAML header and document order (policy then binding)', () => {
  assert.ok(yamlText.startsWith('# Generated by `palisade policy export --format vap`'));
  const kinds = documents.map((document) => ('kind' in document ? document.kind : ''));
  assert.deepEqual(kinds.slice(0, 2), ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);
});

test('docs/policy-export.md lists every exported rule and every rule that is not exported', () => {
  const page = readFileSync(join(import.meta.dirname, '../../../docs/policy-export.md'), 'utf8');
  const exportedSection = page.slice(page.indexOf('## Rules exported'), page.indexOf('## Rules not exported'));
  const skippedSection = page.slice(page.indexOf('## Rules not exported'), page.indexOf('## How the twins'));
  const idsIn = (section: string): string[] => [...section.matchAll(/^\| (K8S-\d{4}) \|/gm)].map((match) => match[1] ?? '').sort();
  assert.deepEqual(idsIn(exportedSection), result.exported.map((exported) => exported.rule.meta.id).sort());
  assert.deepEqual(idsIn(skippedSection), result.skipped.map((skipped) => skipped.rule.meta.id).sort());
});
