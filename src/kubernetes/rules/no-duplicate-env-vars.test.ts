import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noDuplicateEnvVars } from './no-duplicate-env-vars.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: web:1\n      env:\n';

runRuleTests(noDuplicateEnvVars, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}        - {name: A, value: "1"}\n        - {name: B, value: "2"}\n`,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - {name: a, image: x, env: [{name: A, value: "1"}]}\n    - {name: b, image: x, env: [{name: A, value: "2"}]}\n',
  ],
  fail: [
    {
      code: `${POD}        - {name: TLS_ENABLED, value: "true"}\n        - {name: LOG_LEVEL, value: info}\n        - name: TLS_ENABLED\n          value: "false"\n`,
      findings: [{ messageId: 'duplicate', line: 11, column: 17, endColumn: 28, message: 'Container "web" sets environment variable "TLS_ENABLED" again (first set in entry 1); the last value wins.' }],
    },
  ],
});
