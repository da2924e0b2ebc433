import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { dockerfileAnalyzer } from '../analyzer.ts';
import { noSecretsInLabel } from './no-secrets-in-label.ts';

const options = { analyzer: dockerfileAnalyzer, path: 'Dockerfile' };

runRuleTests(noSecretsInLabel, options, {
  pass: [
    'FROM a:1\nLABEL org.opencontainers.image.source=https://x version=1',
    'FROM a:1\nLABEL api.token.url=https://x/token',
    'FROM a:1\nLABEL password=${PASSWORD}',
    'FROM a:1\nENV PASSWORD=x',
  ],
  fail: [
    {
      code: 'FROM a:1\nLABEL maintainer=me registry.password="hunter2"',
      findings: [{ messageId: 'literalSecret', line: 2, column: 21, endColumn: 38, message: 'LABEL sets "registry.password" to a literal value; a secret there is shown to anyone who can inspect the image.' }],
    },
    { code: 'ARG X\nFROM a:1\nLABEL deploy-token glpat-abc', findings: [{ messageId: 'literalSecret', line: 3, column: 7, endColumn: 19 }] },
  ],
});

it('DKR-0028 keeps the value out of the evidence and the fingerprint', () => {
  const [first] = findingsOf(noSecretsInLabel, options, 'FROM a:1\nLABEL api-key=hunter2');
  const [second] = findingsOf(noSecretsInLabel, options, 'FROM a:1\nLABEL api-key="other"');
  assert.ok(first && second);
  assert.equal(first.evidence, 'api-key');
  assert.equal(first.fingerprint, second.fingerprint);
  assert.ok(!JSON.stringify(first).includes('hunter2'));
});
