import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRuleTests } from '../../../test/rule-tester.ts';
import { kubernetesAnalyzer } from '../../kubernetes/index.ts';
import { fake } from '../providers/build.ts';
import { decodeSecretValue, detectInValue, noCredentialInKubernetesSecret } from './no-credential-in-kubernetes-secret.ts';

const pat = `ghp_${fake('alnum', 36, 'k8s-pat')}`;
const dbPassword = `${fake('alnum', 16, 'k8s-db')}9`;
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const secret = (body: string): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\n${body}`;

runRuleTests(noCredentialInKubernetesSecret, { analyzer: kubernetesAnalyzer, path: 'secret.yaml' }, {
  pass: [
    secret(`data:\n  password: ${b64('changeme')}\n`),
    secret(`data:\n  token: not-base64!!\n`),
    secret('data: {}\n'),
    secret(`stringData:\n  url: postgres://app:\${DB_PASSWORD}@db:5432/app\n`),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  token: ${pat}\n`,
    secret(`data:\n  count: 3\n`),
  ],
  fail: [
    {
      code: secret(`data:\n  GITHUB_TOKEN: ${b64(pat)}\n`),
      findings: [{ messageId: 'credential', line: 7, column: 17, endColumn: 17 + b64(pat).length, message: `Secret key "GITHUB_TOKEN" holds a GitHub personal access token (classic) (ghp_…(40 chars)).` }],
    },
    {
      code: secret(`stringData:\n  DB_PASSWORD: "${dbPassword}"\n  plain: hello\n`),
      findings: [{ messageId: 'credential', line: 7, column: 16, endColumn: 18 + dbPassword.length, message: `Secret key "DB_PASSWORD" holds a database password (${dbPassword.slice(0, 4)}…(17 chars)).` }],
    },
    {
      code: secret(`data:\n  a: ${b64(pat)}\n  b: ${b64('hello')}\n  c: ${b64(`postgres://svc:${dbPassword}@db.internal:5432/x`)}\n`),
      findings: [
        { messageId: 'credential', line: 7, column: 6, endColumn: 6 + b64(pat).length },
        { messageId: 'credential', line: 9, column: 6, endColumn: 6 + b64(`postgres://svc:${dbPassword}@db.internal:5432/x`).length },
      ],
    },
  ],
});

describe('Secret value decoding', () => {
  it('decodes padded base64, with line breaks, and refuses anything else', () => {
    assert.equal(decodeSecretValue(b64('hello')), 'hello');
    assert.equal(decodeSecretValue('aGVs\nbG8='), 'hello');
    assert.equal(decodeSecretValue('hello!'), undefined);
    assert.equal(decodeSecretValue('abc'), undefined);
    assert.equal(decodeSecretValue(''), '');
  });

  it('runs the detectors on key="value" so names count, and survives huge values', () => {
    assert.equal(detectInValue('GITHUB_TOKEN', pat)?.detector.slug, 'no-github-pat');
    assert.equal(detectInValue('note', 'hello world'), undefined);
    assert.equal(detectInValue('blob', 'A'.repeat(2_000_000)), undefined);
  });
});
