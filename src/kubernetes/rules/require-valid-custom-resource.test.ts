import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectFindingsOf, runProjectRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { requireValidCustomResource } from './require-valid-custom-resource.ts';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1}
                port: {x-kubernetes-int-or-string: true}
                color: {type: string, enum: [red, blue], nullable: true}
                name: {type: string, pattern: '^[a-z]+$'}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}
                tags: {type: object, additionalProperties: {type: string}}
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object}
`;

const cr = (spec: string, apiVersion = 'example.com/v1'): string => `apiVersion: ${apiVersion}\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;

runProjectRuleTests(requireValidCustomResource, kubernetesAnalyzer, {
  pass: [
    { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 3\n  port: http\n  color: null\n  name: abc\n  extra: {anything: [1, {deep: true}]}\n  template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}\n  tags: {team: a}\n') },
    { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 1\n  port: 8080\n') },
    { 'app/widget.yaml': cr('  size: "no CRD in the tree: not judged here"\n') },
    { 'crds/widget.yaml': CRD, 'app/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: "x"}\n' },
  ],
  fail: [
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: "3"\n') },
      findings: [{ path: 'app/widget.yaml', messageId: 'wrongType', line: 6, column: 9, endColumn: 12, message: 'Field "spec.size" must be an integer, not a string ("3").' }],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  port: 80\n') },
      findings: [{ path: 'app/widget.yaml', messageId: 'missingRequired', line: 5, column: 1, endColumn: 5, message: '"spec" is missing the required field "size".' }],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 2\n  colour: red\n') },
      findings: [{ path: 'app/widget.yaml', messageId: 'unknownField', line: 7, column: 3, endColumn: 9, message: 'Unknown field "colour" in "spec" (did you mean "color"?).' }],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 2\n  color: green\n') },
      findings: [{ path: 'app/widget.yaml', messageId: 'invalidEnum', line: 7, column: 10, endColumn: 15, message: 'Field "spec.color" is "green", which is not one of "red", "blue", null.' }],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 0\n  port: 1.5\n  name: ABC\n') },
      findings: [
        { path: 'app/widget.yaml', messageId: 'invalidValue', line: 6, column: 9, endColumn: 10, message: 'Field "spec.size" is 0, which must be >= 1.' },
        { path: 'app/widget.yaml', messageId: 'wrongType', line: 7, column: 9, endColumn: 12, message: 'Field "spec.port" must be an integer or a string, not a number (1.5).' },
        { path: 'app/widget.yaml', messageId: 'invalidValue', line: 8, column: 9, endColumn: 12, message: 'Field "spec.name" is "ABC", which must match pattern "^[a-z]+$".' },
      ],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 1\n  tags: {team: 7}\n') },
      findings: [{ path: 'app/widget.yaml', messageId: 'wrongType', line: 7, column: 16, endColumn: 17, message: 'Field "spec.tags.team" must be a string, not an integer (7).' }],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 1\n', 'example.com/v2') },
      findings: [{ path: 'app/widget.yaml', messageId: 'versionNotDefined', line: 1, column: 13, endColumn: 27, message: 'The CustomResourceDefinition of Widget defines no version "v2" (it defines "v1", "v1alpha1").' }],
    },
    {
      files: { 'crds/widget.yaml': CRD, 'app/widget.yaml': cr('  size: 1\n', 'example.com/v1alpha1') },
      findings: [{ path: 'app/widget.yaml', messageId: 'versionNotServed', line: 1, column: 13, endColumn: 33, message: 'Version "v1alpha1" of Widget is not served by its CustomResourceDefinition.' }],
    },
  ],
});

describe('require-valid-custom-resource: hostile schemas', () => {
  const crdWithPattern = (pattern: string): string => CRD.replace("'^[a-z]+$'", () => `'${pattern}'`);

  it('runs patterns on RE2: a backtracking bomb takes linear time', () => {
    const findings = projectFindingsOf(requireValidCustomResource, kubernetesAnalyzer, { 'crd.yaml': crdWithPattern('^(a+)+$'), 'cr.yaml': cr(`  size: 1\n  name: ${'a'.repeat(5000)}!\n`) });
    assert.deepEqual(findings.map((finding) => [finding.messageId, finding.location.startLine]), [['invalidValue', 7]]);
  });

  it('reports a schema RE2 cannot compile on the custom resource, without throwing', () => {
    const findings = projectFindingsOf(requireValidCustomResource, kubernetesAnalyzer, { 'crd.yaml': crdWithPattern('^(?=a)a$'), 'cr.yaml': cr('  size: 1\n') });
    assert.deepEqual(findings.map((finding) => [finding.messageId, finding.location.path, finding.location.startLine]), [['schemaUnusable', 'cr.yaml', 2]]);
  });

  it('caps the findings of one object at 50', () => {
    const fields = Array.from({ length: 500 }, (_, index) => `  unknown${index}: 1\n`).join('');
    const findings = projectFindingsOf(requireValidCustomResource, kubernetesAnalyzer, { 'crd.yaml': CRD, 'cr.yaml': cr(`  size: 1\n${fields}`) });
    assert.equal(findings.length, 50);
  });
});

describe('require-valid-custom-resource: deep nesting', () => {
  it('validates a custom resource nested 100 levels deep against an equally deep schema', () => {
    const nest = (inner: string, wrap: (text: string) => string): string => Array.from({ length: 100 }).reduce<string>((text) => wrap(text), inner);
    const schema = nest('{type: string}', (text) => `{type: object, properties: {a: ${text}}}`);
    const value = nest('1', (text) => `{a: ${text}}`);
    const crd = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: deeps.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Deep, plural: deeps}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {type: object, properties: {spec: ${schema}}}\n`;
    const findings = projectFindingsOf(requireValidCustomResource, kubernetesAnalyzer, { 'crd.yaml': crd, 'cr.yaml': `apiVersion: example.com/v1\nkind: Deep\nmetadata: {name: d}\nspec: ${value}\n` });
    assert.deepEqual(findings.map((finding) => [finding.messageId, finding.location.startLine, finding.location.startColumn, finding.message.length < 200]), [['wrongType', 4, 407, true]]);
  });
});
