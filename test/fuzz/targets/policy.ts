// Policy files (src/policy): ValidatingAdmissionPolicy and Palisade policy YAML, compiled and
// evaluated against sample objects; and CEL expressions compiled and run under the cost limit.
// Errors are ScanErrors naming the file; evaluation returns typed results.
import { compileCel, toCelValue } from '../../../src/policy/cel/index.ts';
import { compilePalisadePolicies } from '../../../src/policy/palisade-policy/index.ts';
import { compileAdmissionPolicies, evaluatePolicies } from '../../../src/policy/vap/index.ts';
import { parsePolicyText } from '../../../src/policy/vap/load-directory.ts';
import type { FuzzTarget } from '../harness.ts';
import { checkScanErrors, onlyCodedErrors, utf8, violation } from '../harness.ts';
import { fixture, fixturesIn } from './shared.ts';

const objects = parsePolicyText('fuzz/objects.yaml', fixture('src/policy/vap/__fixtures__/basic/objects.yaml')).artifacts;

const EXPRESSIONS = [
  'object.spec.replicas <= 5',
  "object.metadata.name.startsWith('a') && has(object.spec.template)",
  'object.spec.containers.all(c, c.image.matches("^registry\\\\.example\\\\.com/"))',
  "[1, 2, 3].map(x, x * 2).exists(y, y > 4) ? 'big' : 'small'",
  "object.?metadata.?labels.orValue({}).size() == 0",
  'quantity("500m").isLessThan(quantity("1")) && isURL("https://x") && ip("10.0.0.1").family() == 4',
  "'a,b,c'.split(',').join('-') + string(int('12')) + string(1.5e3)",
  'duration("1h") > duration("30m") && timestamp("2024-01-01T00:00:00Z") < now',
];
const OBJECT = toCelValue({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', labels: { app: 'a' } }, spec: { replicas: 3, containers: [{ name: 'c', image: 'registry.example.com/a:1' }], template: { spec: {} } } });

export const targets: readonly FuzzTarget[] = [
  {
    name: 'policy-file',
    syntax: 'yaml',
    samples: [...fixturesIn('src/policy/vap/__fixtures__', ['policy.yaml'], 8), ...fixturesIn('src/policy/palisade-policy/__fixtures__', ['.yaml'], 4)],
    check(input) {
      const text = utf8(input);
      const files = onlyCodedErrors(() => parsePolicyText('fuzz/policy.yaml', text), []);
      if (files === undefined) return;
      checkScanErrors(files.errors, 'fuzz/policy.yaml', text);
      const compiled = onlyCodedErrors(() => compileAdmissionPolicies(files.artifacts), []);
      const palisade = onlyCodedErrors(() => compilePalisadePolicies(files.artifacts), []);
      if (compiled === undefined || palisade === undefined) return;
      checkScanErrors([...compiled.errors, ...palisade.errors], 'fuzz/policy.yaml', text);
      const evaluation = onlyCodedErrors(() => evaluatePolicies(compiled.policies, compiled.bindings, files.artifacts, objects, []), []);
      violation(evaluation !== undefined, 'no evaluation');
    },
  },
  {
    name: 'cel-expression',
    syntax: 'text',
    samples: EXPRESSIONS,
    check(input) {
      const compiled = onlyCodedErrors(() => compileCel(utf8(input), { variables: { object: 'dyn' }, costLimit: 100_000 }), []);
      if (compiled === undefined) return;
      if (!compiled.ok) {
        violation(compiled.error.message !== '', 'a CEL compile error without a message');
        return;
      }
      const result = onlyCodedErrors(() => compiled.program.evaluate({ object: OBJECT }), []);
      if (result !== undefined && !result.ok) violation(result.error.message !== '', 'a CEL runtime error without a message');
    },
  },
];
