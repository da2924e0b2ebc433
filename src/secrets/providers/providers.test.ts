import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRuleTests, findingsOf } from '../../../test/rule-tester.ts';
import { LineIndex } from '../../core/index.ts';
import { capitalise, detectorRule, findSecrets } from '../detector.ts';
import { textAnalyzer } from '../index.ts';
import { redactSecret } from '../secret-text.ts';
import { placeholderLine, providerEntries, sampleLine } from './index.ts';

const options = { analyzer: textAnalyzer, path: 'example.env' };

// Table tests for every data-driven rule: its own true-positive sample and its false-positive lines.
for (const entry of providerEntries) {
  const rule = detectorRule(entry);
  const { line, column } = sampleLine(entry);
  const index = new LineIndex(line);
  const start = index.positionAt(column - 1);
  const end = index.positionAt(column - 1 + entry.sample.length);
  runRuleTests(rule, options, {
    pass: [placeholderLine(entry), ...entry.fp],
    fail: [{ code: line, findings: [{ messageId: 'secret', line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message: `${capitalise(entry.name)} ${redactSecret(entry.sample)} is committed in clear text.` }] }],
  });
}

describe('provider table', () => {
  it('has at least 150 provider rules plus the generic ones, ids in SEC-0001 … SEC-0999', () => {
    assert.ok(providerEntries.filter((entry) => entry.family !== 'generic').length >= 150);
    for (const entry of providerEntries) assert.match(entry.id, /^SEC-0\d{3}$/);
  });

  it('gives every rule a true-positive sample and at least one false-positive line besides the placeholder', () => {
    for (const entry of providerEntries) {
      assert.ok(entry.sample.length > 0, entry.slug);
      assert.ok(entry.fp.length > 0, `${entry.slug} has no false-positive case`);
      assert.match(entry.pattern.source, /\(\?<secret>/, `${entry.slug} has no secret group`);
      for (const keyword of entry.keywords) assert.equal(keyword, keyword.toLowerCase(), `${entry.slug} keyword ${keyword}`);
    }
  });

  it('never puts the secret in the message, the evidence or the fingerprint', () => {
    for (const entry of providerEntries) {
      const [finding] = findingsOf(detectorRule(entry), options, sampleLine(entry).line);
      assert.ok(finding !== undefined, entry.slug);
      assert.equal(finding.evidence, redactSecret(entry.sample));
      assert.ok(!finding.message.includes(entry.sample), entry.slug);
      assert.ok(!JSON.stringify(finding).includes(entry.sample), entry.slug);
    }
  });

  it('does not run a rule whose keywords are absent from the file', () => {
    const entry = providerEntries.find((candidate) => candidate.slug === 'no-github-pat');
    assert.ok(entry !== undefined);
    const output = textAnalyzer.analyze({ path: 'a.env', text: sampleLine(entry).line.replace('ghp_', 'GHP_'), lines: new LineIndex('') });
    assert.equal(output.artifacts[0]?.keywords.has('ghp_'), true, 'the prefilter is case-insensitive');
  });
});

/** Long repetitive inputs aimed at each pattern's repetitions: every rule must finish (linear-time patterns). */
describe('regex safety on adversarial input', () => {
  const size = 20_000;
  const hostile = (keyword: string): string[] => [
    keyword.repeat(Math.ceil(size / Math.max(1, keyword.length))),
    `${keyword}=${'a'.repeat(size)}`,
    `${keyword}${'-'.repeat(size)}`,
    `${keyword}: "${'aA0'.repeat(size / 3)}`,
    `${keyword}${' = '.repeat(size / 3)}`,
    `-----BEGIN RSA PRIVATE KEY-----${'\nAAAA'.repeat(size / 5)}`,
    `postgres://${'a:'.repeat(size / 2)}`,
    `eyJ${'a'.repeat(size)}.eyJ${'a'.repeat(size)}`,
    `${'1'.repeat(size)}:AA`,
  ];
  for (const entry of providerEntries) {
    it(`${entry.slug} completes`, () => {
      let runs = 0;
      for (const text of hostile(entry.keywords[0] ?? 'x')) {
        findSecrets(entry, text, 'hostile.txt');
        runs += 1;
      }
      assert.equal(runs, 9);
    });
  }
});
