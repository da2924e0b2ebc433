import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noSecretsInEnv } from './no-secrets-in-env.ts';

const options = { analyzer: dockerfileAnalyzer, path: 'Dockerfile' };

runRuleTests(noSecretsInEnv, options, {
  pass: [
    'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db',
    'FROM alpine:3.20\nENV GITHUB_TOKEN=${GITHUB_TOKEN}',
    'FROM alpine:3.20\nENV BASIC_AUTH_PASSWORD="${USER_PASS}"',
    'FROM alpine:3.20\nARG NPM_TOKEN',
    'FROM alpine:3.20\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    'FROM alpine:3.20\nENV TOKEN_TTL=3600 PASSWORD_MIN_LENGTH=12',
    'FROM alpine:3.20\nENV API_KEY=""',
    'FROM alpine:3.20\nENV PASSWORD $PASS',
    'FROM alpine:3.20\nENV PWD=/app PASSPORT=x',
    'FROM alpine:3.20\nLABEL password=secret',
  ],
  fail: [
    {
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2',
      findings: [
        {
          messageId: 'literalSecret',
          line: 2,
          column: 5,
          endColumn: 16,
          message: 'ENV sets "DB_PASSWORD" to a literal value; a secret there is readable by anyone with the Dockerfile or the image.',
        },
      ],
    },
    {
      code: 'ARG apiKey="abc123"\nFROM alpine:3.20',
      findings: [{ messageId: 'literalSecret', line: 1, column: 5, endColumn: 11, message: 'ARG sets "apiKey" to a literal value; a secret there is readable by anyone with the Dockerfile or the image.' }],
    },
    {
      code: 'FROM alpine:3.20\nENV A=1 \\\n    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI',
      findings: [{ messageId: 'literalSecret', line: 3, column: 5, endColumn: 26 }],
    },
    {
      code: 'FROM alpine:3.20\nENV SECRET_KEY_BASE changeme',
      findings: [{ messageId: 'literalSecret', line: 2, column: 5, endColumn: 20 }],
    },
    {
      code: 'FROM alpine:3.20\nARG github-token=ghp_x PRIVATE_KEY=-----BEGIN',
      findings: [
        { messageId: 'literalSecret', line: 2, column: 5, endColumn: 17 },
        { messageId: 'literalSecret', line: 2, column: 24, endColumn: 35 },
      ],
    },
  ],
});

it('DKR-0005 keeps the value out of the evidence and the fingerprint', () => {
  const [first] = findingsOf(noSecretsInEnv, options, 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2');
  const [second] = findingsOf(noSecretsInEnv, options, 'FROM alpine:3.20\nENV DB_PASSWORD="another value"');
  assert.ok(first && second);
  assert.equal(first.evidence, 'DB_PASSWORD');
  assert.equal(first.fingerprint, second.fingerprint);
  assert.ok(!JSON.stringify(first).includes('hunter2'));
});
