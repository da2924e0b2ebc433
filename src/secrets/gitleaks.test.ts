import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitleaksAllowLines, isGitleaksIgnored, parseGitleaksIgnore } from './gitleaks.ts';

describe('gitleaks:allow', () => {
  it('returns the 1-based lines carrying the marker', () => {
    assert.deepEqual([...gitleaksAllowLines('a\nkey = "x" # gitleaks:allow\nb\n// gitleaks:allow\n')], [2, 4]);
  });
  it('is empty without the marker, on empty and huge text', () => {
    assert.equal(gitleaksAllowLines('').size, 0);
    assert.equal(gitleaksAllowLines('gitleaks: allow').size, 0);
    assert.equal(gitleaksAllowLines('x\n'.repeat(200_000)).size, 0);
  });
});

describe('.gitleaksignore', () => {
  const text = [
    '# reviewed 2026-01-10',
    '',
    'config/app.env:aws-access-token:3',
    '3f2c9a1b7e4d:deploy/values.yaml:generic-api-key:12',
    'not a fingerprint',
    'a:b',
    'C:\\weird:path:github-pat:7',
  ].join('\n');

  it('parses path-only and commit fingerprints, reports bad lines with their number', () => {
    const parsed = parseGitleaksIgnore(text);
    assert.deepEqual(parsed.entries, [
      { path: 'config/app.env', ruleId: 'aws-access-token', line: 3, sourceLine: 3 },
      { commit: '3f2c9a1b7e4d', path: 'deploy/values.yaml', ruleId: 'generic-api-key', line: 12, sourceLine: 4 },
      { path: 'C:\\weird:path', ruleId: 'github-pat', line: 7, sourceLine: 7 },
    ]);
    assert.deepEqual(parsed.errors, ['.gitleaksignore:5: "not a fingerprint" is not a fingerprint ([commit:]path:rule-id:line)', '.gitleaksignore:6: "a:b" is not a fingerprint ([commit:]path:rule-id:line)']);
  });

  it('matches findings by gitleaks alias, path, line and commit', () => {
    const { entries } = parseGitleaksIgnore(text);
    const finding = (path: string, line: number, alias = 'gitleaks:aws-access-token') => ({ aliases: [alias], location: { path, startLine: line } });
    assert.equal(isGitleaksIgnored(entries, finding('config/app.env', 3)), true);
    assert.equal(isGitleaksIgnored(entries, finding('config/app.env', 4)), false);
    assert.equal(isGitleaksIgnored(entries, finding('config/app.env', 3, 'gitleaks:github-pat')), false);
    assert.equal(isGitleaksIgnored(entries, finding('commit:3f2c9a1b7e4d0011223344556677889900aabbcc:deploy/values.yaml', 12, 'gitleaks:generic-api-key')), true);
    assert.equal(isGitleaksIgnored(entries, finding('deploy/values.yaml', 12, 'gitleaks:generic-api-key')), false);
    assert.equal(isGitleaksIgnored(entries, finding('commit:ffffffffffff:config/app.env', 3)), true);
  });

  it('survives hostile input', () => {
    const parsed = parseGitleaksIgnore(`${':'.repeat(50_000)}\n${'a:'.repeat(50_000)}1\r\n`);
    assert.equal(parsed.entries.length + parsed.errors.length, 2);
  });
});
