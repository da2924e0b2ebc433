import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileAdmissionPolicies, evaluatePolicies, parsePolicyText } from './index.ts';

const HEAD = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: p
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
`;

const DEPLOYMENTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: team-a
  labels: { exempt: "true" }
spec:
  replicas: 3
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: team-b
spec:
  replicas: 7
`;

/** `[object, messageId, message]` of each finding of the policies on the deployments (plus extra objects). */
function results(policies: string, extra = ''): string[][] {
  const loaded = parsePolicyText('p.yaml', policies);
  const objects = parsePolicyText('o.yaml', DEPLOYMENTS + extra);
  const compiled = compileAdmissionPolicies(loaded.artifacts);
  assert.deepEqual(compiled.errors, []);
  const everything = [...loaded.artifacts, ...objects.artifacts];
  const evaluated = evaluatePolicies(compiled.policies, compiled.bindings, everything, objects.artifacts, everything);
  assert.deepEqual(evaluated.errors, []);
  return evaluated.findings.map((finding) => [finding.location.object?.name ?? '', finding.messageId, finding.message]);
}

describe('variables', () => {
  it('are lazy: an erroring variable that is never read (short-circuit) is no error', () => {
    const spec = `  variables:
  - name: exempt
    expression: "has(object.metadata.labels) && 'exempt' in object.metadata.labels"
  - name: broken
    expression: "object.spec.nothing > 1"
  validations:
  - expression: "variables.exempt || variables.broken"
`;
    assert.deepEqual(results(HEAD + spec), [['api', 'error', "policy errored: expression 'variables.exempt || variables.broken' resulted in error: variable \"broken\": No such key: nothing"]]);
  });
});

describe('messages', () => {
  const validation = (messageExpression: string, message = ''): string =>
    `  validations:\n  - expression: object.spec.replicas < 5\n    messageExpression: ${JSON.stringify(messageExpression)}\n${message === '' ? '' : `    message: ${message}\n`}`;
  const cases: readonly [string, string, string, string][] = [
    ['a string', "'too many: ' + string(object.spec.replicas)", '', 'too many: 7'],
    ['trimmed', "'  padded  '", '', 'padded'],
    ['multi-line: the static message', "'two\\nlines'", 'static', 'static'],
    ['not a string: the static message', 'object.spec.replicas', 'static', 'static'],
    ['an error: the static message', 'object.spec.nothing', 'static', 'static'],
    ['empty, no message: the expression', "''", '', 'failed expression: object.spec.replicas < 5'],
  ];
  for (const [name, messageExpression, message, expected] of cases) {
    it(name, () => assert.deepEqual(results(HEAD + validation(messageExpression, message)), [['api', 'violation', expected]]));
  }
  it('over the cost budget: an error, as the API server has it', () => {
    const list = '[0,1,2,3,4,5,6,7,8,9]';
    const runaway = `${list}.all(a, ${list}.all(b, ${list}.all(c, ${list}.all(d, ${list}.all(e, ${list}.all(f, ${list}.all(g, true))))))) ? 'x' : 'y'`;
    const [finding] = results(HEAD + validation(runaway, 'static'));
    assert.match(finding?.[2] ?? '', /^policy errored: failed messageExpression: evaluation cost \d+ exceeds the limit of 1000000$/);
  });
});

describe('matchConditions and failurePolicy', () => {
  const conditions = (failurePolicy: string, expression: string): string =>
    HEAD.replace('spec:\n', `spec:\n  failurePolicy: ${failurePolicy}\n`) + `  matchConditions:\n  - name: a\n    expression: ${JSON.stringify(expression)}\n  - name: b\n    expression: "object.spec.replicas > 5"\n  validations:\n  - expression: "false"\n    message: matched\n`;
  it('a false condition skips the policy even when another errors', () => {
    assert.deepEqual(results(conditions('Fail', 'object.spec.nothing == 1')), [['api', 'error', 'policy errored: matchCondition "a" resulted in error: No such key: nothing']]);
  });
  it('all true: the policy applies', () => {
    assert.deepEqual(results(conditions('Fail', 'true')), [['api', 'violation', 'matched']]);
  });
  it('an error under Ignore skips the policy', () => {
    assert.deepEqual(results(conditions('Ignore', 'object.spec.nothing == 1')), []);
  });
});

describe('params', () => {
  const policy = `${HEAD}  paramKind:\n    apiVersion: v1\n    kind: ConfigMap\n  validations:\n  - expression: "object.spec.replicas <= int(params.data.max)"\n    messageExpression: "'at most ' + params.data.max"\n`;
  const binding = (paramRef: string): string =>
    `---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\nspec:\n  policyName: p\n  validationActions: [Deny]\n  paramRef:\n${paramRef}`;
  const configMaps = `---
apiVersion: v1
kind: ConfigMap
metadata: { name: limit, namespace: team-a, labels: { limits: "yes" } }
data: { max: "2" }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: limit, namespace: team-b, labels: { limits: "yes" } }
data: { max: "6" }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: other, namespace: team-b, labels: { limits: "yes" } }
data: { max: "4" }
`;
  it('without paramRef.namespace, a namespaced param is looked up in the object namespace', () => {
    assert.deepEqual(results(policy + binding('    name: limit\n    parameterNotFoundAction: Deny\n'), configMaps), [
      ['web', 'violation', 'at most 2'],
      ['api', 'violation', 'at most 6'],
    ]);
  });
  it('a selector evaluates the policy once per selected param', () => {
    assert.deepEqual(results(policy + binding('    selector:\n      matchLabels: { limits: "yes" }\n    parameterNotFoundAction: Deny\n'), configMaps), [
      ['web', 'violation', 'at most 2'],
      ['api', 'violation', 'at most 6'],
      ['api', 'violation', 'at most 4'],
    ]);
  });
  it('paramRef.namespace pins the namespace', () => {
    assert.deepEqual(results(policy + binding('    name: other\n    namespace: team-b\n    parameterNotFoundAction: Deny\n'), configMaps), [['api', 'violation', 'at most 4']]);
  });
});

describe('bindings', () => {
  const bindings = `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: deny-a }
spec:
  policyName: p
  validationActions: [Deny]
  matchResources:
    namespaceSelector: { matchLabels: { team: a } }
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: audit-all }
spec:
  policyName: p
  validationActions: [Audit]
`;
  const namespaces = '---\napiVersion: v1\nkind: Namespace\nmetadata: { name: team-a, labels: { team: a } }\n';
  it('each binding evaluates the policy on its own, with its own actions', () => {
    const loaded = parsePolicyText('p.yaml', `${HEAD}  validations:\n  - expression: "false"\n    message: denied\n${bindings}`);
    const objects = parsePolicyText('o.yaml', DEPLOYMENTS + namespaces);
    const compiled = compileAdmissionPolicies(loaded.artifacts);
    assert.deepEqual(compiled.errors, []);
    const evaluated = evaluatePolicies(compiled.policies, compiled.bindings, [], objects.artifacts, objects.artifacts);
    assert.deepEqual(
      evaluated.outcomes.map((outcome) => [outcome.finding.location.object?.name, outcome.actions.join(','), outcome.finding.severity, outcome.finding.evidence]),
      [
        ['web', 'Deny', 'high', 'binding "deny-a" [Deny]; reason Invalid'],
        ['web', 'Audit', 'low', 'binding "audit-all" [Audit]; reason Invalid'],
        ['api', 'Audit', 'low', 'binding "audit-all" [Audit]; reason Invalid'],
      ],
    );
  });
});
