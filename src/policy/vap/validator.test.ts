import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileAdmissionPolicies } from './compile-policies.ts';
import { parsePolicyText } from './load-directory.ts';
import type { CompiledSpec } from './model.ts';
import { SharedScopes, evaluateSpec } from './validator.ts';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: [apps]
      apiVersions: [v1]
      operations: [CREATE]
      resources: [deployments]
  variables:
  - name: replicas
    expression: object.spec.replicas
  - name: broken
    expression: object.spec.missing.deeper
  - name: twice
    expression: variables.replicas * 2
  validations:
  - expression: variables.twice <= 10
    message: too many
  - expression: object.spec.replicas == 0 || variables.broken == 1
    message: broken
`;

function spec(): CompiledSpec {
  const compiled = compileAdmissionPolicies(parsePolicyText('p.yaml', POLICY).artifacts);
  assert.deepEqual(compiled.errors, []);
  const policy = compiled.policies[0];
  assert.ok(policy !== undefined);
  return policy.spec;
}

function variablesOf(scope: Readonly<Record<string, unknown>>): object {
  const variables = scope['variables'];
  assert.ok(typeof variables === 'object' && variables !== null);
  return variables;
}

describe('evaluateSpec variables', () => {
  it('evaluates variables lazily, reuses them, and reports a failing one on every read', () => {
    const compiled = spec();
    const result = evaluateSpec(compiled, { object: { spec: { replicas: 6n } } });
    assert.deepEqual(
      result.decisions.map((decision) => (decision.kind === 'violation' ? `violation: ${decision.message}` : `error ${decision.pointer}: ${decision.message}`)),
      [
        'violation: too many',
        "error /spec/validations/1/expression: expression 'object.spec.replicas == 0 || variables.broken == 1' resulted in error: variable \"broken\": No such key: missing",
      ],
    );
    const passing = evaluateSpec(compiled, { object: { spec: { replicas: 0n } } });
    assert.deepEqual(passing.decisions, []);
  });

  it('gives every scope the same getter functions (a getter per request would give each request a hidden class of its own)', () => {
    const compiled = spec();
    const first = variablesOf(new SharedScopes().scopeOf(compiled, { object: { spec: { replicas: 1n } } }));
    const second = variablesOf(new SharedScopes().scopeOf(compiled, { object: { spec: { replicas: 2n } } }));
    assert.deepEqual(Object.keys(first), ['replicas', 'broken', 'twice']);
    for (const name of ['replicas', 'broken', 'twice']) {
      const a = Object.getOwnPropertyDescriptor(first, name);
      const b = Object.getOwnPropertyDescriptor(second, name);
      assert.ok(a?.get !== undefined && a.get === b?.get, name);
      assert.equal(a.enumerable, true);
    }
    assert.equal(Reflect.get(first, 'replicas'), 1n);
    assert.equal(Reflect.get(second, 'twice'), 4n);
  });
});
