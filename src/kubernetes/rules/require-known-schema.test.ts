import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { projectFindingsOf, runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireKnownSchema } from './require-known-schema.ts';

const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions:\n    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}\n';

runProjectRuleTests(requireKnownSchema, kubernetesAnalyzer, {
  pass: [
    { 'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n' },
    { 'crd.yaml': CRD, 'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n' },
    { 'crd.yaml': CRD, 'widget.yaml': 'apiVersion: example.com/v2\nkind: Widget\nmetadata: {name: w}\n' },
    { 'psp.yaml': 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: old}\n' },
  ],
  fail: [
    {
      files: { 'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n' },
      findings: [{ path: 'widget.yaml', messageId: 'noSchema', line: 2, column: 7, endColumn: 13, message: 'No schema is known for Widget in "example.com/v1"; the object was not validated.' }],
    },
    {
      files: { 'crd.yaml': CRD, 'app.yaml': 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n---\napiVersion: other.example.com/v1\nkind: Widget\nmetadata: {name: w}\n' },
      findings: [
        { path: 'app.yaml', messageId: 'noSchema', line: 2, column: 7, endColumn: 17, message: 'No schema is known for Deploymnet in "apps/v1"; the object was not validated.' },
        { path: 'app.yaml', messageId: 'noSchema', line: 6, column: 7, endColumn: 13 },
      ],
    },
    {
      files: { 'ingress.yaml': 'apiVersion: extensions/v1beta2\nkind: Ingress\nmetadata: {name: web}\n' },
      findings: [{ path: 'ingress.yaml', messageId: 'noSchema', line: 2, column: 7, endColumn: 14 }],
    },
  ],
});

describe('require-known-schema: schemaLocations', () => {
  it('counts a kind with a schema file as known', () => {
    const folder = fileURLToPath(new URL('../schema/__fixtures__/schemas', import.meta.url));
    const configured = requireKnownSchema.configure({ schemaLocations: [folder] });
    const rule = configured.ok ? configured.value : assert.fail('configure failed');
    const files = { 'widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', 'thing.yaml': 'apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\n' };
    assert.deepEqual(projectFindingsOf(rule, kubernetesAnalyzer, files).map((finding) => finding.location.path), ['thing.yaml']);
  });
});
