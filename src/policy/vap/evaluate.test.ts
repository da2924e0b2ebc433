import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PolicyEvaluation } from './index.ts';
import { compileAdmissionPolicies, evaluatePolicies, loadPolicyFiles, parsePolicyText } from './index.ts';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

/** Loads `<fixture>/policy.yaml` (policies, bindings, params) and evaluates it on `<fixture>/objects.yaml`. */
function evaluateFixture(fixture: string): PolicyEvaluation & { readonly loadErrors: number } {
  const policyFiles = loadPolicyFiles(`${FIXTURES}${fixture}/policy.yaml`);
  const objectFiles = loadPolicyFiles(`${FIXTURES}${fixture}/objects.yaml`);
  const compiled = compileAdmissionPolicies(policyFiles.artifacts);
  const everything = [...policyFiles.artifacts, ...objectFiles.artifacts];
  const result = evaluatePolicies(compiled.policies, compiled.bindings, everything, objectFiles.artifacts, everything);
  return { ...result, loadErrors: policyFiles.errors.length + objectFiles.errors.length + compiled.errors.length };
}

interface Expected {
  readonly object: string;
  readonly severity: string;
  readonly messageId: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

const CASES: readonly { readonly fixture: string; readonly findings: readonly Expected[] }[] = [
  {
    fixture: 'basic',
    findings: [
      { object: 'too-many', severity: 'high', messageId: 'violation', message: 'failed expression: object.spec.replicas <= 5', line: 18, column: 9 },
      { object: 'old-version', severity: 'high', messageId: 'violation', message: 'failed expression: object.spec.replicas <= 5', line: 50, column: 9 },
    ],
  },
  {
    fixture: 'replica-limit',
    findings: [
      { object: 'test-five', severity: 'high', messageId: 'violation', message: 'failed expression: object.spec.replicas <= params.maxReplicas', line: 11, column: 9 },
      { object: 'prod-many', severity: 'high', messageId: 'violation', message: 'failed expression: object.spec.replicas <= params.maxReplicas', line: 34, column: 9 },
    ],
  },
  {
    fixture: 'message-expression',
    findings: [
      { object: 'nginx', severity: 'high', messageId: 'violation', message: 'object.spec.replicas must be no greater than 3', line: 6, column: 13 },
    ],
  },
  {
    fixture: 'match-conditions',
    findings: [{ object: 'settings', severity: 'high', messageId: 'violation', message: "failed expression: object.metadata.name.startsWith('demo')", line: 16, column: 9 }],
  },
  {
    fixture: 'variables',
    findings: [{ object: 'invalid', severity: 'high', messageId: 'violation', message: 'only prod images are allowed in namespace default', line: 12, column: 9 }],
  },
  {
    fixture: 'audit-annotations',
    findings: [{ object: 'small', severity: 'high', messageId: 'violation', message: 'Deployment spec.replicas set to 3', line: 11, column: 9 }],
  },
  {
    fixture: 'failure-policy',
    findings: [{ object: 'web', severity: 'medium', messageId: 'error', message: "policy errored: expression 'object.spec.xyz == 1' resulted in error: No such key: xyz", line: 4, column: 9 }],
  },
];

describe('evaluatePolicies on the Kubernetes documentation examples', () => {
  for (const { fixture, findings } of CASES) {
    it(fixture, () => {
      const result = evaluateFixture(fixture);
      assert.equal(result.loadErrors, 0);
      assert.deepEqual(result.errors, []);
      const actual = result.findings.map((finding) => ({
        object: finding.location.object?.name ?? '',
        severity: finding.severity,
        messageId: finding.messageId,
        message: finding.message,
        line: finding.location.startLine ?? 0,
        column: finding.location.startColumn ?? 0,
      }));
      assert.deepEqual(actual, findings);
    });
  }
});

describe('policy findings', () => {
  it('carry the policy name, slug, kind, compliance, evidence and a stable fingerprint', () => {
    const [finding] = evaluateFixture('failure-policy').findings;
    assert.ok(finding !== undefined);
    assert.equal(finding.ruleId, 'fail.example.com');
    assert.equal(finding.slug, 'fail-example-com');
    assert.equal(finding.title, 'fail.example.com');
    assert.equal(finding.kind, 'policy');
    assert.deepEqual(finding.compliance, ['cis-k8s-1.9:5.7.3', 'nist-800-190:4.4.3']);
    assert.equal(finding.evidence, 'binding "fail-warn" [Warn, Audit]');
    assert.equal(finding.fingerprint, evaluateFixture('failure-policy').findings[0]?.fingerprint);
  });

  it('name the param and the reason, and point at the fieldPath', () => {
    const [finding] = evaluateFixture('message-expression').findings;
    assert.equal(finding?.evidence, 'binding "demo-binding-test.example.com" [Deny]; param default/replica-limit-test.example.com; reason Invalid');
    assert.equal(finding?.location.jsonPointer, '/spec/replicas');
    assert.equal(finding?.location.endColumn, 14);
  });

  it('collect audit annotations, and show them in the evidence of findings of the same evaluation', () => {
    const result = evaluateFixture('audit-annotations');
    assert.deepEqual(
      result.auditAnnotations.map((annotation) => [annotation.object, `${annotation.policy}/${annotation.key}`, annotation.value]),
      [
        ['apps/v1/Deployment//big', 'demo-policy.example.com/high-replica-count', 'Deployment spec.replicas set to 128'],
        ['apps/v1/Deployment//small', 'demo-policy.example.com/high-replica-count', 'Deployment spec.replicas set to 3'],
      ],
    );
    assert.equal(
      result.findings[0]?.evidence,
      '(no binding: validationActions [Deny]); reason Invalid; audit demo-policy.example.com/high-replica-count: Deployment spec.replicas set to 3',
    );
  });
});

describe('waivers', () => {
  it('a palisade.dev/ignore annotation naming the policy suppresses its findings on the object', () => {
    const policy = parsePolicyText(
      'p.yaml',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: replicas.example.com\nspec:\n  matchConstraints:\n    resourceRules:\n    - apiGroups: ["apps"]\n      apiVersions: ["v1"]\n      operations: ["CREATE"]\n      resources: ["deployments"]\n  validations:\n  - expression: object.spec.replicas <= 2\n',
    );
    const objects = parsePolicyText('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    palisade.dev/ignore: "replicas-example-com -- load test"\nspec:\n  replicas: 3\n');
    const compiled = compileAdmissionPolicies(policy.artifacts);
    const [finding] = evaluatePolicies(compiled.policies, compiled.bindings, [], objects.artifacts, []).findings;
    assert.deepEqual(finding?.suppression, { kind: 'inline', reason: 'load test', source: { path: 'd.yaml', startLine: 6, startColumn: 26, endLine: 6, endColumn: 61, object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, jsonPointer: '/metadata/annotations/palisade.dev~1ignore' } });
  });
});

/** A policy on Deployments with the given variables and validation, as YAML. */
function policyYaml(name: string, variables: readonly (readonly [string, string])[], expression: string, messageExpression: string, namespaceSelector = ''): string {
  const declared = variables.map(([variable, source]) => `  - name: ${variable}\n    expression: ${JSON.stringify(source)}\n`).join('');
  return [
    `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: ${name}\nspec:\n  matchConstraints:\n${namespaceSelector}`,
    `    resourceRules:\n    - apiGroups: ["apps"]\n      apiVersions: ["v1"]\n      operations: ["CREATE"]\n      resources: ["deployments"]\n`,
    variables.length === 0 ? '' : `  variables:\n${declared}`,
    `  validations:\n  - expression: ${JSON.stringify(expression)}\n    messageExpression: ${JSON.stringify(messageExpression)}\n`,
  ].join('');
}

describe('what policies evaluated on one object share', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  labels: { tier: front }\nspec:\n  replicas: 3\n';
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: { stage: prod }\n';

  it('a variable is shared only by policies declaring the same variables: same names with other expressions give their own values', () => {
    const policies = parsePolicyText(
      'p.yaml',
      [
        policyYaml('a.example.com', [['count', 'object.spec.replicas'], ['twice', 'variables.count * 2']], 'variables.twice < 0', '"a: " + string(variables.twice)'),
        policyYaml('b.example.com', [['count', 'object.spec.replicas + 10'], ['twice', 'variables.count * 2']], 'variables.twice < 0', '"b: " + string(variables.twice)'),
        policyYaml('c.example.com', [['count', 'object.spec.replicas'], ['twice', 'variables.count * 2']], 'variables.twice < 0', '"c: " + string(variables.twice)'),
        policyYaml('d.example.com', [['count', 'object.spec.replicas'], ['twice', 'variables.count * 2'], ['extra', 'object.spec.missing']], 'variables.twice < 0', '"d: " + string(variables.twice)'),
        policyYaml('e.example.com', [['count', 'object.spec.missing']], 'variables.count == 1', '"e"'),
        policyYaml('f.example.com', [['count', 'object.spec.missing']], 'true', '"f"'),
      ].join('---\n'),
    );
    const objects = parsePolicyText('d.yaml', deployment);
    const compiled = compileAdmissionPolicies(policies.artifacts);
    assert.deepEqual(compiled.errors, []);
    const result = evaluatePolicies(compiled.policies, compiled.bindings, [], objects.artifacts, []);
    assert.deepEqual(
      result.findings.map((finding) => finding.message),
      ['a: 6', 'b: 26', 'c: 6', 'd: 6', "policy errored: expression 'variables.count == 1' resulted in error: variable \"count\": No such key: missing"],
    );
  });

  it('policies with the same match criteria get the same answer, and other criteria their own', () => {
    const selector = (stage: string): string => `    namespaceSelector:\n      matchLabels: { stage: ${stage} }\n`;
    const policies = parsePolicyText(
      'p.yaml',
      [
        policyYaml('prod-1.example.com', [], 'false', '"prod 1"', selector('prod')),
        policyYaml('dev.example.com', [], 'false', '"dev"', selector('dev')),
        policyYaml('prod-2.example.com', [], 'false', '"prod 2"', selector('prod')),
        policyYaml('any.example.com', [], 'false', '"any"'),
      ].join('---\n'),
    );
    const objects = parsePolicyText('d.yaml', deployment);
    const namespaces = parsePolicyText('n.yaml', namespace);
    const compiled = compileAdmissionPolicies(policies.artifacts);
    const result = evaluatePolicies(compiled.policies, compiled.bindings, [], objects.artifacts, namespaces.artifacts);
    assert.deepEqual(
      result.findings.map((finding) => finding.message),
      ['prod 1', 'prod 2', 'any'],
    );
  });
});
