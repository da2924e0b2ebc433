import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawIndexOf } from './expression-position.ts';
import { fieldPathToPointer } from './field-path.ts';
import { compileAdmissionPolicies, evaluatePolicies, parsePolicyText } from './index.ts';
import { ResourceCatalog, guessResource } from './resources.ts';
import type { SpecProblem } from '../../kubernetes/label-selector.ts';
import { parseLabelSelector, selectorMatches } from '../../kubernetes/label-selector.ts';

describe('rawIndexOf maps a decoded offset into the scalar as written', () => {
  const cases: readonly [string, number, number][] = [
    ['object.x', 3, 3],
    ['"a\\nb c"', 3, 5],
    ['"\\u00e9x"', 1, 7],
    ["'it''s x'", 3, 5],
    ["'it''s x'", 5, 7],
    ['|\n  ab\n    cd\n', 3, 9],
    ['>-\n  foo\n  bar\n', 4, 11],
    ['plain\n  folded', 6, 8],
  ];
  for (const [raw, offset, expected] of cases) {
    it(`${JSON.stringify(raw)} @${offset}`, () => assert.equal(rawIndexOf(raw, offset), expected));
  }
});

describe('fieldPathToPointer', () => {
  const cases: readonly [string, string | undefined][] = [
    ['spec.replicas', '/spec/replicas'],
    ['.spec.replicas', '/spec/replicas'],
    ['spec.template.spec.containers[0].image', '/spec/template/spec/containers/0/image'],
    ["metadata.labels['app.kubernetes.io/name']", '/metadata/labels/app.kubernetes.io~1name'],
    ['spec[', undefined],
  ];
  for (const [path, pointer] of cases) it(path, () => assert.equal(fieldPathToPointer(path), pointer));
});

describe('label selectors', () => {
  const labels = { environment: 'test', tier: 'web' };
  const cases: readonly [string, unknown, boolean][] = [
    ['absent', undefined, true],
    ['empty', {}, true],
    ['matchLabels', { matchLabels: { environment: 'test' } }, true],
    ['matchLabels other value', { matchLabels: { environment: 'prod' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['test'] }] }, false],
    ['NotIn on a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    ['a bad operator matches nothing', { matchExpressions: [{ key: 'tier', operator: 'Near' }] }, false],
  ];
  for (const [name, selector, expected] of cases) {
    it(name, () => {
      const problems: SpecProblem[] = [];
      const parsed = parseLabelSelector(JSON.parse(JSON.stringify(selector ?? null)), '/s', problems);
      assert.equal(selectorMatches(parsed, labels), expected);
    });
  }
});

describe('resources', () => {
  it('guesses plurals as kubectl does', () => {
    assert.deepEqual(['ReplicaLimit', 'Policy', 'Ingress'].map(guessResource), ['replicalimits', 'policies', 'ingresses']);
  });

  it('reads plurals, scopes and versions of custom kinds from CRDs', () => {
    const catalog = new ResourceCatalog([
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget', plural: 'widgetz' }, versions: [{ name: 'v1' }, { name: 'v2' }] } },
    ]);
    assert.equal(catalog.resourceOf('example.com', 'Widget'), 'widgetz');
    assert.equal(catalog.isNamespaced('example.com', 'Widget'), false);
    assert.equal(catalog.isNamespaced('apps', 'Deployment'), true);
    assert.equal(catalog.isNamespaced('rbac.authorization.k8s.io', 'ClusterRole'), false);
    assert.deepEqual(catalog.equivalents({ group: 'example.com', version: 'v1', resource: 'widgetz' }, 'Widget').map((gvr) => gvr.version), ['v1', 'v2']);
    assert.deepEqual(
      catalog.equivalents({ group: 'extensions', version: 'v1beta1', resource: 'ingresses' }, 'Ingress').map((gvr) => `${gvr.group}/${gvr.version}`),
      ['extensions/v1beta1', 'networking.k8s.io/v1', 'networking.k8s.io/v1beta1'],
    );
  });
});

const DEPLOYMENT = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n  labels: { team: a }\nspec:\n  replicas: 9\n';

function matched(match: string, objects = DEPLOYMENT): string[] {
  const policy = `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\nspec:\n  matchConstraints:\n${match}  validations:\n  - expression: "false"\n`;
  const loaded = parsePolicyText('p.yaml', policy);
  const scanned = parsePolicyText('o.yaml', objects);
  const compiled = compileAdmissionPolicies(loaded.artifacts);
  assert.deepEqual(compiled.errors, []);
  return evaluatePolicies(compiled.policies, compiled.bindings, [], scanned.artifacts, scanned.artifacts).findings.map((finding) => finding.location.object?.name ?? '');
}

describe('matchConstraints', () => {
  const rule = (extra: string): string => `    resourceRules:\n    - apiGroups: ["apps"]\n      apiVersions: ["v1"]\n      operations: ["CREATE"]\n      resources: ["deployments"]\n${extra}`;
  const cases: readonly [string, string, string[]][] = [
    ['Equivalent (default) matches extensions/v1beta1 for an apps/v1 rule', rule(''), ['web']],
    ['Exact does not', `${rule('')}    matchPolicy: Exact\n`, []],
    ['resourceNames', rule('      resourceNames: ["other"]\n'), []],
    ['scope Cluster skips a namespaced object', rule('      scope: Cluster\n'), []],
    ['scope Namespaced keeps it (default namespace)', rule('      scope: Namespaced\n'), ['web']],
    ['objectSelector', `${rule('')}    objectSelector:\n      matchLabels: { team: b }\n`, []],
    ['excludeResourceRules', `${rule('')}    excludeResourceRules:\n    - apiGroups: ["*"]\n      apiVersions: ["*"]\n      operations: ["*"]\n      resources: ["*"]\n`, []],
    ['UPDATE only never matches a CREATE', rule('').replace('"CREATE"', '"UPDATE"'), []],
    ['subresources only', rule('').replace('"deployments"', '"deployments/status"'), []],
    ['*/* matches', rule('').replace('"deployments"', '"*/*"'), ['web']],
  ];
  for (const [name, match, expected] of cases) it(name, () => assert.deepEqual(matched(match), expected));
});
