import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noCredentialsInValues } from './no-credentials-in-values.ts';

const options = { analyzer: dockerfileAnalyzer, path: 'Dockerfile' };

runRuleTests(noCredentialsInValues, options, {
  pass: [
    'FROM a:1\nENV DATABASE_URL=postgres://app@db:5432/app',
    'FROM a:1\nENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app',
    'FROM a:1\nENV PROXY=http://proxy:3128',
    'FROM a:1\nLABEL url=https://example.com/a:b@c',
    'FROM a:1\nENV PUB="-----BEGIN PUBLIC KEY-----"',
  ],
  fail: [
    {
      code: 'FROM a:1\nENV DATABASE_URL=postgres://app:s3cret@db:5432/app',
      findings: [{ messageId: 'credential', line: 2, column: 18, endColumn: 51, message: 'ENV "DATABASE_URL" holds a URL with a password; it is stored in the image for anyone who can pull it.' }],
    },
    { code: 'ARG PIP_INDEX=https://u:p@pypi.example.com/simple\nFROM a:1', findings: [{ messageId: 'credential', line: 1, column: 15, endColumn: 50 }] },
    { code: 'FROM a:1\nLABEL k="-----BEGIN OPENSSH PRIVATE KEY-----\\nabc"', findings: [{ messageId: 'credential', line: 2, column: 9, endColumn: 51 }] },
  ],
});

it('DKR-0029 redacts the value in the evidence and keeps it out of the fingerprint', () => {
  const [first] = findingsOf(noCredentialsInValues, options, 'FROM a:1\nENV DB=mysql://root:hunter2@db/x');
  const [second] = findingsOf(noCredentialsInValues, options, 'FROM a:1\nENV DB=mysql://root:other@db/x');
  assert.ok(first && second);
  assert.equal(first.evidence, 'DB=<redacted>');
  assert.equal(first.fingerprint, second.fingerprint);
  assert.ok(!JSON.stringify(first).includes('hunter2'));
});
