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
});
