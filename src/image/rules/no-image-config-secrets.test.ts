import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findingsOf, runRuleTests } from '../../../test/rule-tester.ts';
import { imageConfigAnalyzer } from '../scan/index.ts';
import { noImageConfigSecrets } from './no-image-config-secrets.ts';

const OPTIONS = { analyzer: imageConfigAnalyzer, path: 'config.json' };

runRuleTests(noImageConfigSecrets, OPTIONS, {
  pass: [
    '{"config": {"Env": ["PATH=/usr/local/bin:/usr/bin", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D", "PASSWORD_FILE=/run/secrets/db", "DB_PASSWORD=", "API_TOKEN=${TOKEN}", "NODE_VERSION=22.11.0"]}}',
    '{"config": {"Labels": {"org.opencontainers.image.source": "https://example.com/app", "secret.path": "/run/secrets"}}}',
    '{"config": {"Env": null, "Labels": null}}',
    '{"config": {"Env": ["JUSTANAME", 42]}}',
  ],
  fail: [
    {
      code: '{\n  "config": {\n    "Env": [\n      "PATH=/usr/bin",\n      "DB_PASSWORD=hunter2"\n    ]\n  }\n}',
      findings: [{ messageId: 'env', line: 5, column: 7, endColumn: 28, message: 'The image config sets the environment variable "DB_PASSWORD" to a literal value; anyone who can pull the image can read it.' }],
    },
    {
      code: '{"config": {"Labels": {"com.example.api-token": "abc123"}}}',
      findings: [{ messageId: 'label', line: 1, column: 24, endColumn: 47, message: 'The image config sets the label "com.example.api-token" to a literal value; anyone who can pull the image can read it.' }],
    },
    { code: '{"config": {"Env": ["apiKey=k", "AWS_SECRET_ACCESS_KEY=x"]}}', findings: [{ messageId: 'env', line: 1, column: 21, endColumn: 31 }, { messageId: 'env', line: 1, column: 33, endColumn: 58 }] },
  ],
});

it('IMG-0004 never puts the secret in the evidence', () => {
  const [finding] = findingsOf(noImageConfigSecrets, OPTIONS, '{"config": {"Env": ["DB_PASSWORD=hunter2"]}}');
  assert.equal(finding?.evidence, 'DB_PASSWORD=<redacted>');
});
