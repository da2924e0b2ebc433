import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../analyzer.ts';
import { noSecretEnvValues } from './no-secret-env-values.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n    - name: api\n      image: api:1\n      env:\n';

runRuleTests(noSecretEnvValues, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, {
  pass: [
    `${POD}        - {name: LOG_LEVEL, value: debug}\n        - {name: DB_PASSWORD_FILE, value: /run/secrets/db}\n`,
    `${POD}        - name: API_TOKEN\n          valueFrom: {secretKeyRef: {name: api, key: token}}\n`,
    `${POD}        - {name: SECRET_NAME, value: api-credentials}\n        - {name: TOKEN_TTL, value: "3600"}\n        - {name: USE_TOKEN, value: "true"}\n`,
    `${POD}        - {name: DB_PASSWORD, value: "$(SHARED_PASSWORD)"}\n        - {name: ADMIN_PASSWORD, value: ""}\n`,
  ],
  fail: [
    {
      code: `${POD}        - name: DB_PASSWORD\n          value: hunter2\n        - {name: STRIPE_API_KEY, value: sk_live_abc}\n`,
      findings: [
        { messageId: 'secretValue', line: 9, column: 17, endColumn: 28, message: 'Container "api" sets environment variable "DB_PASSWORD" to a literal value; it looks like a secret.' },
        { messageId: 'secretValue', line: 11, column: 18, endColumn: 32 },
      ],
    },
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          env: [{name: clientSecret, value: s3cr3t}]\n',
      findings: [{ messageId: 'secretValue', line: 9, column: 24, endColumn: 36 }],
    },
  ],
});

it('no-secret-env-values: the evidence names the variable, never the value', () => {
  const [finding] = findingsOf(noSecretEnvValues, { analyzer: kubernetesAnalyzer, path: 'pod.yaml' }, `${POD}        - {name: DB_PASSWORD, value: hunter2}\n`);
  assert.equal(finding?.evidence, 'DB_PASSWORD');
});
