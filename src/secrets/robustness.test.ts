import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import { runRules } from '../scan/run-rules.ts';
import { secretKeywords, secretRules, textAnalyzer } from './index.ts';
import { fake } from './providers/build.ts';

const textRules = secretRules.filter((rule) => rule.meta.target === 'text');

function scanAll(path: string, text: string): number {
  const output = textAnalyzer.analyze(createSourceDocument(path, text));
  const result = runRules(output.artifacts, textRules);
  assert.deepEqual(result.errors, []);
  return result.findings.length;
}

describe('whole rule set on hostile files', () => {
  it('scans a 2 MB single line holding every keyword without hanging or reporting noise', () => {
    const line = secretKeywords.map((keyword, index) => `${keyword}=\${VALUE_${index}} ${keyword} "${keyword}" `).join('').repeat(40);
    assert.ok(line.length > 100_000);
    assert.equal(scanAll('one-line.txt', line.repeat(Math.ceil(2_000_000 / line.length))), 0);
  });

  it('scans 2 MB of random base64 on one line (no keyword context, no finding)', () => {
    assert.equal(scanAll('blob.txt', fake('b64', 2_000_000, 'blob')), 0);
  });

  it('scans replacement characters from invalid UTF-8 and lone surrogates', () => {
    assert.equal(scanAll('bad.txt', `\ufffd\ufffd token = "\ud800\udfff\ud800" password: "\ufffd\ufffd\ufffd"\n`.repeat(10_000)), 0);
  });

  it('scans an unterminated private key block followed by 1 MB of base64 lines', () => {
    assert.equal(scanAll('key.pem', `-----BEGIN RSA PRIVATE KEY-----\n${`${fake('b64', 64, 'k')}\n`.repeat(16_000)}`), 0);
  });

  it('caps findings per rule and file', () => {
    const line = (index: number): string => `GITHUB_TOKEN=ghp_${fake('alnum', 36, `cap${index}`)}\n`;
    assert.equal(scanAll('many.env', Array.from({ length: 200 }, (_unused, index) => line(index)).join('')), 50);
  });
});
