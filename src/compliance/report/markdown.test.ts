import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComplianceReport } from './model.ts';
import { FULL_REPORT_PLACEHOLDER, MARKDOWN_EVIDENCE_PER_CONTROL, MARKDOWN_LIMIT, renderComplianceMarkdown } from './markdown.ts';
import { database, demoChecks, demoFramework, finding, repoReport, report } from './__fixtures__/reports.ts';

const generatedAt = '2026-11-27T10:00:00.000Z';
const build = (targets: Parameters<typeof buildComplianceReport>[0]['targets']) => buildComplianceReport({ framework: demoFramework, targets, checks: demoChecks, generatedAt });

describe('renderComplianceMarkdown', () => {
  const text = renderComplianceMarkdown(build([{ report: repoReport, checksRun: ['DKR-0001', 'DKR-0002', 'GATE-0001'] }]));

  it('starts with the framework, generation line and status counts', () => {
    assert.deepEqual(text.split('\n').slice(0, 7), [
      '# Compliance: Demo Benchmark v1.0',
      '',
      'Generated 2026-11-27T10:00:00.000Z by palisade 0.1.0 (3 checks ran) for `.`.',
      '',
      '| Fail | Waived | Pass | Manual | Not applicable | Total |',
      '|---:|---:|---:|---:|---:|---:|',
      '| 1 | 1 | 0 | 2 | 2 | 6 |',
    ]);
  });

  it('names the advisory database and its age when the vulnerability scanner ran', () => {
    const output = renderComplianceMarkdown(buildComplianceReport({ framework: demoFramework, targets: [], checks: demoChecks, generatedAt, database }));
    assert.deepEqual(output.split('\n').slice(3, 5), ['', 'Advisory database /var/cache/palisade/advisories.db, built 2026-11-20T08:00:00.000Z (170 hours before the report), 1200 records.']);
    assert.ok(!text.includes('Advisory database'));
  });

  it('has one table row per control and a section per failing or waived control', () => {
    assert.ok(text.includes('| 1.1 | Containers run as a non-root user | automated | Fail | 1 |'));
    assert.ok(text.includes('| 1.4 | Manifests are reviewed before release | manual | Manual | 0 |'));
    assert.ok(text.includes('### 1.1 Containers run as a non-root user — Fail\n\n- `DKR-0001` high `Dockerfile:5` in `.`: Message of DKR-0001 at Dockerfile:5.\n'));
    assert.ok(text.includes('- `DKR-0002` high `Dockerfile:1` in `.`: Message of DKR-0002 at Dockerfile:1. — waived: exception by alice (SEC-42) until 2027-01-31: Vendor image, fixed in Q3'));
    assert.ok(!text.includes('### 1.4'));
  });

  it('lists exceptions in force and expired exceptions', () => {
    assert.ok(text.includes('## Exceptions in force\n\n- exception by alice (SEC-42) until 2027-01-31: Vendor image, fixed in Q3 (`.palisade/exceptions.yaml:4`)\n'));
    assert.ok(text.includes('## Expired exceptions\n\n- `.palisade/exceptions.yaml:9`: The exception for K8S-0001 (owner bob) expired on 2026-01-01; it no longer waives anything.\n'));
  });

  it('makes finding text inert: pipes escaped, HTML entities, one line', () => {
    const hostile = report('.', [finding('DKR-0001', 'Dockerfile', 2, { message: 'a | b <img src=x onerror=alert(1)>\nnext' })]);
    const output = renderComplianceMarkdown(build([{ report: hostile, checksRun: ['DKR-0001'] }]));
    assert.ok(output.includes(': a \\| b &lt;img src=x onerror=alert(1)&gt; next\n'));
    assert.ok(!output.includes('<img'));
  });

  it('shows at most MARKDOWN_EVIDENCE_PER_CONTROL findings per control, then a count', () => {
    const many = report('.', Array.from({ length: MARKDOWN_EVIDENCE_PER_CONTROL + 3 }, (_, index) => finding('DKR-0001', 'Dockerfile', index + 1)));
    const output = renderComplianceMarkdown(build([{ report: many, checksRun: ['DKR-0001'] }]));
    assert.equal(output.split('\n').filter((line) => line.startsWith('- `DKR-0001`')).length, MARKDOWN_EVIDENCE_PER_CONTROL);
    assert.ok(output.includes('- … and 3 more\n'));
  });

  it('stays under 65,536 characters, truncating with a link to the full report', () => {
    const long = 'x'.repeat(10_000);
    const huge = report('.', Array.from({ length: 400 }, (_, index) => finding('DKR-0001', `svc${index}/Dockerfile`, 1, { message: long })));
    const targets = Array.from({ length: 60 }, (_, index) => ({ report: { ...huge, target: `t${index}` }, checksRun: ['DKR-0001'] }));
    const withPlaceholder = renderComplianceMarkdown(build(targets));
    assert.ok(withPlaceholder.length <= MARKDOWN_LIMIT, `${withPlaceholder.length} characters`);
    assert.match(withPlaceholder, /\n> \*\*Truncated:\*\* this comment shows \d+ of \d+ lines to stay under 65536 characters\. See the \[full report\]\(FULL_REPORT_URL\)\.\n$/);
    assert.equal(FULL_REPORT_PLACEHOLDER, 'FULL_REPORT_URL');
    const linked = renderComplianceMarkdown(build(targets), { fullReportUrl: 'https://ci.example.com/run/7/compliance.html' });
    assert.ok(linked.endsWith('See the [full report](https://ci.example.com/run/7/compliance.html).\n'));
  });

  it('honours a smaller limit and never cuts a line in half', () => {
    const output = renderComplianceMarkdown(build([{ report: repoReport, checksRun: ['DKR-0001', 'DKR-0002', 'GATE-0001'] }]), { limit: 900 });
    assert.ok(output.length <= 900, `${output.length}`);
    const kept = output.split('\n\n> **Truncated:**')[0] ?? '';
    assert.ok(kept.length > 0 && text.startsWith(kept), 'keeps a prefix of whole lines');
    assert.ok(text.startsWith(`${kept}\n`));
  });
});
