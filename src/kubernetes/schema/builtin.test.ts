import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../json.ts';
import { isBuiltinKind } from './builtin.ts';
import { validateBuiltin } from './validate-builtin.ts';

describe('built-in schema lookup', () => {
  const cases = [
    ['apps/v1', 'Deployment', true],
    ['v1', 'Pod', true],
    ['networking.k8s.io/v1', 'Ingress', true],
    ['policy/v1beta1', 'PodSecurityPolicy', true],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', true],
    ['resource.k8s.io/v1', 'ResourceClaim', true],
    ['apps/v1', 'DeploymentSpec', false],
    ['apps/v1', 'Pod', false],
    ['v1', '../apps/v1/Deployment', false],
    ['../../etc', 'Passwd', false],
    ['example.com/v1', 'Widget', false],
    ['apps/v1', 'deployment', false],
  ] as const;
  for (const [apiVersion, kind, known] of cases) {
    it(`${apiVersion} ${kind}: ${known ? 'known' : 'unknown'}`, () => assert.equal(isBuiltinKind(apiVersion, kind), known));
  }
});

describe('validateBuiltin', () => {
  it('accepts whole-number floats as integers (YAML 1.1 numbers are JS numbers) and rejects strings', () => {
    const deployment = (replicas: number | string): JsonObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas, selector: {}, template: {} } });
    assert.deepEqual(validateBuiltin(deployment(2), 'apps/v1', 'Deployment'), []);
    assert.deepEqual(validateBuiltin(deployment(2.0), 'apps/v1', 'Deployment'), []);
    assert.deepEqual(validateBuiltin(deployment('2'), 'apps/v1', 'Deployment'), [{ kind: 'wrongType', pointer: '/spec/replicas', expected: 'integer' }]);
    assert.deepEqual(validateBuiltin(deployment(2 ** 40), 'apps/v1', 'Deployment'), [{ kind: 'invalidFormat', pointer: '/spec/replicas', format: 'int32' }]);
  });

  it('returns undefined for kinds without a bundled schema', () => {
    assert.equal(validateBuiltin({}, 'example.com/v1', 'Widget'), undefined);
  });

  it('does not report the fields the bundled schema drops (description, x-kubernetes-*)', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b' }, spec: { group: 'b', scope: 'Namespaced', names: { kind: 'A', plural: 'as' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', description: 'd', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-validations': [] } } }] } };
    assert.deepEqual(validateBuiltin(crd, 'apiextensions.k8s.io/v1', 'CustomResourceDefinition'), []);
  });

  it('finds a real unknown field after more described properties than the violation limit', () => {
    const properties = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`p${String(index).padStart(2, '0')}`, { type: 'string', description: `property ${index}` }]));
    // The walk meets the typo last (p00 is the last property it visits), after 60 `description`s.
    const schema = { type: 'object', description: 'd', properties: { ...properties, p00: { type: 'string', description: 'first', formt: 'date' } } };
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b' }, spec: { group: 'b', scope: 'Namespaced', names: { kind: 'A', plural: 'as' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] } };
    // Twice: the first run traces the object, the second answers from the learned shapes.
    for (let run = 0; run < 2; run += 1) {
      const violations = validateBuiltin(structuredClone(crd), 'apiextensions.k8s.io/v1', 'CustomResourceDefinition') ?? [];
      assert.deepEqual(violations.map((violation) => ('pointer' in violation ? violation.pointer : '')), ['/spec/versions/0/schema/openAPIV3Schema/properties/p00/formt']);
    }
  });
});
