import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanError } from '../../core/index.ts';
import type { PolicyEvaluation } from './index.ts';
import { compileAdmissionPolicies, evaluatePolicies, parsePolicyText } from './index.ts';

const POLICY_HEAD = `apiVersion: admissionregistration.k8s.io/v1
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

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: team
spec:
  replicas: 3
`;

function compileErrors(text: string): ScanError[] {
  const loaded = parsePolicyText('policies/p.yaml', text);
  return [...loaded.errors, ...compileAdmissionPolicies(loaded.artifacts).errors];
}

function evaluate(policies: string, objects = DEPLOYMENT): PolicyEvaluation & { readonly loadErrors: readonly ScanError[] } {
  const loaded = parsePolicyText('policies/p.yaml', policies);
  const scanned = parsePolicyText('deploy.yaml', objects);
  const compiled = compileAdmissionPolicies(loaded.artifacts);
  const result = evaluatePolicies(compiled.policies, compiled.bindings, loaded.artifacts, scanned.artifacts, scanned.artifacts);
  return { ...result, loadErrors: [...loaded.errors, ...compiled.errors] };
}

const COMPILE_CASES: readonly { readonly name: string; readonly validations: string; readonly error: { message: string; line: number; column: number } }[] = [
  {
    name: 'syntax error, plain scalar',
    validations: '  validations:\n  - expression: object.spec.replicas <=\n',
    error: { message: 'ValidatingAdmissionPolicy "p": spec.validations[0].expression: CEL compile error: Unexpected token: EOF', line: 13, column: 40 },
  },
  {
    name: 'syntax error on the second line of a literal block',
    validations: '  validations:\n  - expression: |\n      object.spec.replicas > 0 &&\n        object.spec.replicas < )\n',
    error: { message: 'ValidatingAdmissionPolicy "p": spec.validations[0].expression: CEL compile error: Unexpected token: RPAREN', line: 15, column: 32 },
  },
  {
    name: 'syntax error after escapes in a double-quoted scalar',
    validations: '  validations:\n  - expression: "\\"a\\" + \\"b\\" +"\n',
    error: { message: 'ValidatingAdmissionPolicy "p": spec.validations[0].expression: CEL compile error: Unexpected token: EOF', line: 13, column: 33 },
  },
  {
    name: 'type error',
    validations: "  validations:\n  - expression: \"1 + 'a' == 2\"\n",
    error: { message: `ValidatingAdmissionPolicy "p": spec.validations[0].expression: CEL compile error: no such overload: int + string`, line: 13, column: 18 },
  },
  {
    name: 'unknown function (the documentation example typo startWith)',
    validations: "  validations:\n  - expression: \"object.metadata.name.startWith('demo')\"\n",
    error: { message: `ValidatingAdmissionPolicy "p": spec.validations[0].expression: CEL compile error: found no matching overload for 'dyn.startWith(string)'`, line: 13, column: 18 },
  },
  {
    name: 'authorizer is not available offline',
    validations: "  validations:\n  - expression: \"authorizer.requestResource.check('get').allowed()\"\n",
    error: { message: 'ValidatingAdmissionPolicy "p": spec.validations[0].expression: CEL compile error: Unknown variable: authorizer', line: 13, column: 18 },
  },
  {
    name: 'a variable used before it is declared',
    validations: '  variables:\n  - name: a\n    expression: variables.b + 1\n  - name: b\n    expression: "1"\n  validations:\n  - expression: variables.a > 0\n',
    error: { message: 'ValidatingAdmissionPolicy "p": spec.variables[0].expression: CEL compile error: undefined variable "b" (variables may only use variables declared before them)', line: 14, column: 27 },
  },
  {
    name: 'an empty expression',
    validations: '  validations:\n  - expression: ""\n',
    error: { message: 'ValidatingAdmissionPolicy "p": spec.validations[0].expression: must be a non-empty CEL expression', line: 13, column: 17 },
  },
];

describe('policy compile errors name the file, line and column of the expression', () => {
  for (const { name, validations, error } of COMPILE_CASES) {
    it(name, () => {
      assert.deepEqual(compileErrors(POLICY_HEAD + validations), [{ path: 'policies/p.yaml', code: 'POLICY_INVALID', message: error.message, startLine: error.line, startColumn: error.column }]);
    });
  }
});

describe('bad policy input', () => {
  it('a file that is not YAML is a POLICY_INVALID error, not a crash', () => {
    const errors = compileErrors('apiVersion: [unclosed\nkind: {');
    assert.equal(errors.length > 0, true);
    assert.equal(errors.every((error) => error.code === 'POLICY_INVALID' && error.path === 'policies/p.yaml' && error.startLine !== undefined), true);
  });

  it('a file that holds no object is a POLICY_INVALID error', () => {
    assert.deepEqual(compileErrors('just some text\n'), [
      { path: 'policies/p.yaml', code: 'POLICY_INVALID', message: 'The file holds no policy: no YAML or JSON object with apiVersion and kind', startLine: 1, startColumn: 1 },
    ]);
  });

  it('one bad policy does not stop the others', () => {
    const broken = POLICY_HEAD + '  validations:\n  - expression: "object.spec.replicas <"\n';
    const good = POLICY_HEAD.replace('name: p', 'name: good') + '  validations:\n  - expression: object.spec.replicas > 5\n';
    const result = evaluate(`${broken}---\n${good}`);
    assert.deepEqual(result.loadErrors.map((error) => [error.startLine, error.message.split(':')[0]]), [[13, 'ValidatingAdmissionPolicy "p"']]);
    assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.message]), [['good', 'failed expression: object.spec.replicas > 5']]);
  });

  it('a runaway expression (nested comprehensions) ends as a cost error under failurePolicy Fail', () => {
    const list = '[0,1,2,3,4,5,6,7,8,9]';
    const expression = `${list}.all(a, ${list}.all(b, ${list}.all(c, ${list}.all(d, ${list}.all(e, ${list}.all(f, ${list}.all(g, true)))))))`;
    const result = evaluate(`${POLICY_HEAD}  validations:\n  - expression: "${expression}"\n`);
    assert.deepEqual(result.loadErrors, []);
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0]?.message ?? '', /^policy errored: expression '.*' exceeded the runtime cost budget: evaluation cost \d+ exceeds the limit of 1000000$/);
  });

  it('a runaway expression under failurePolicy Ignore is no finding', () => {
    const list = '[0,1,2,3,4,5,6,7,8,9]';
    const expression = `${list}.all(a, ${list}.all(b, ${list}.all(c, ${list}.all(d, ${list}.all(e, ${list}.all(f, ${list}.all(g, true)))))))`;
    const result = evaluate(`${POLICY_HEAD.replace('spec:\n', 'spec:\n  failurePolicy: Ignore\n')}  validations:\n  - expression: "${expression}"\n`);
    assert.deepEqual(result.findings, []);
  });

  const PARAM_POLICY = `${POLICY_HEAD}  paramKind:\n    apiVersion: example.com/v1\n    kind: Limit\n  validations:\n  - expression: object.spec.replicas <= params.max\n`;
  const bindingWith = (action: string): string =>
    `---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\nspec:\n  policyName: p\n  validationActions: [Deny]\n  paramRef:\n    name: missing\n    parameterNotFoundAction: ${action}\n`;

  it('missing params with parameterNotFoundAction Deny: a finding at the policy severity', () => {
    const result = evaluate(PARAM_POLICY + bindingWith('Deny'));
    assert.deepEqual(result.loadErrors, []);
    assert.deepEqual(
      result.findings.map((finding) => [finding.messageId, finding.severity, finding.message]),
      [['error', 'high', 'policy errored: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction']],
    );
  });

  it('missing params with parameterNotFoundAction Allow: admitted', () => {
    assert.deepEqual(evaluate(PARAM_POLICY + bindingWith('Allow')).findings, []);
  });

  it('a policy with params but no binding is reported and not evaluated', () => {
    const result = evaluate(PARAM_POLICY);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.loadErrors.map((error) => [error.startLine, error.message]), [
      [12, 'ValidatingAdmissionPolicy "p": spec.paramKind: the policy takes params but no binding names it, so it has none; it was not evaluated'],
    ]);
  });

  it('a binding naming no policy is reported at its policyName', () => {
    const binding = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: orphan\nspec:\n  policyName: nowhere\n  validationActions: [Deny]\n';
    assert.deepEqual(compileErrors(binding), [
      {
        path: 'policies/p.yaml',
        code: 'POLICY_INVALID',
        message: 'ValidatingAdmissionPolicyBinding "orphan": spec.policyName: names policy "nowhere", which is not among the policies read; the binding has no effect',
        startLine: 6,
        startColumn: 15,
      },
    ]);
  });

  it('bindings with bad validationActions or paramRef are refused', () => {
    const binding = (spec: string): string => `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\nspec:\n  policyName: p\n${spec}`;
    assert.deepEqual(compileErrors(binding('  validationActions: [Deny, Warn]\n')).map((error) => error.message), ['ValidatingAdmissionPolicyBinding "b": spec.validationActions: Deny and Warn may not be used together']);
    assert.deepEqual(compileErrors(binding('  validationActions: [Block]\n')).map((error) => error.message), ['ValidatingAdmissionPolicyBinding "b": spec.validationActions: validationActions must list at least one of Deny, Warn, Audit']);
    assert.deepEqual(compileErrors(binding('  validationActions: [Deny]\n  paramRef: {}\n')).map((error) => error.message), ['ValidatingAdmissionPolicyBinding "b": spec.paramRef: paramRef needs exactly one of name and selector']);
  });

  it('structural problems of a policy are listed with their positions', () => {
    const text = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\n  annotations:\n    palisade.dev/severity: huge\nspec:\n  failurePolicy: Sometimes\n  matchConstraints: {}\n  validations: nope\n';
    assert.deepEqual(compileErrors(text).map((error) => [error.startLine, error.startColumn, error.message]), [
      [6, 28, 'ValidatingAdmissionPolicy "p": metadata.annotations.palisade.dev/severity: palisade.dev/severity must be one of critical, high, medium, low, info'],
      [9, 21, 'ValidatingAdmissionPolicy "p": spec.matchConstraints: matchConstraints.resourceRules is required'],
      [8, 18, 'ValidatingAdmissionPolicy "p": spec.failurePolicy: failurePolicy must be Fail or Ignore'],
      [10, 16, 'ValidatingAdmissionPolicy "p": spec.validations: must be a list'],
    ]);
  });

  it('a huge number of validations compiles and evaluates without trouble', () => {
    const validations = Array.from({ length: 500 }, (_unused, index) => `  - expression: object.spec.replicas != ${index + 100}\n`).join('');
    const result = evaluate(`${POLICY_HEAD}  validations:\n${validations}`);
    assert.deepEqual(result.loadErrors, []);
    assert.deepEqual(result.findings, []);
  });
});
