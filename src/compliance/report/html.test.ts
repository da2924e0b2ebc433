import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComplianceReport } from './model.ts';
import { escapeHtml, renderComplianceHtml } from './html.ts';
import { database, demoChecks, demoFramework, finding, repoReport, report } from './__fixtures__/reports.ts';

const hostileMessage = '</code><script>alert("x")</script><img src="https://evil.example/x.png"> & \'quoted\'';
const hostile = report('<target>', [finding('K8S-0001', 'pod".yaml', 3, { message: hostileMessage })]);
const result = buildComplianceReport({
  framework: demoFramework,
  targets: [
    { report: repoReport, checksRun: ['DKR-0001', 'DKR-0002', 'GATE-0001'] },
    { report: hostile, checksRun: ['K8S-0001', 'K8S-0002'] },
  ],
  checks: demoChecks,
  generatedAt: '2026-11-27T10:00:00.000Z',
  database,
});
const html = renderComplianceHtml(result);

describe('renderComplianceHtml', () => {
  it('is one self-contained document: no scripts, stylesheets, images or fetched URLs', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'));
    assert.ok(html.endsWith('</body>\n</html>\n'));
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /\s(?:src|href)\s*=\s*["']/i);
    assert.doesNotMatch(html, /url\(/i);
    assert.doesNotMatch(html, /@import/i);
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
  });

  it('escapes finding text, paths and targets', () => {
    assert.ok(html.includes(`: ${escapeHtml(hostileMessage)}</li>`));
    assert.ok(html.includes('&lt;/code&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot;&gt; &amp; &#39;quoted&#39;'));
    assert.ok(html.includes('<code>pod&quot;.yaml:3</code> in <code>&lt;target&gt;</code>'));
  });

  it('has a summary with an inline SVG chart of the statuses', () => {
    assert.ok(html.includes('<section id="summary">\n<h2>Summary</h2>\n<svg role="img" aria-label="Control status summary"'));
    assert.ok(html.includes('<title>Fail: 2</title>'));
    assert.ok(html.includes('<text x="16" y="51" font-size="12">Fail (2)</text>'));
    assert.ok(html.includes('<td class="status s-fail">2</td><td class="status s-waived">1</td><td class="status s-pass">0</td><td class="status s-manual">2</td><td class="status s-not-applicable">1</td><td>6</td>'));
  });

  it('shows each control with its status, checks and evidence, and the exceptions', () => {
    assert.ok(html.includes('<h3><span class="status s-fail">Fail</span> 1.3 Host namespaces are not shared</h3>'));
    assert.ok(html.includes('<p class="meta">Automation: manual. Checks: none (assessed by hand).</p>'));
    assert.ok(html.includes('<p class="meta">Automation: partial. Checks: <code>scanner:vuln</code> (did not run).</p>'));
    assert.ok(html.includes('<em>Waived: exception by alice (SEC-42) until 2027-01-31: Vendor image, fixed in Q3</em>'));
    assert.ok(html.includes('<h3>In force (1)</h3>\n<ul><li>exception by alice (SEC-42) until 2027-01-31: Vendor image, fixed in Q3 <code>.palisade/exceptions.yaml:4</code></li></ul>'));
    assert.ok(html.includes('<h3>Expired (1)</h3>'));
  });

  it('names the advisory database', () => {
    assert.ok(html.includes('<p class="meta">Advisory database /var/cache/palisade/advisories.db, built 2026-11-20T08:00:00.000Z (170 hours before the report), 1200 records.</p>'));
  });

  it('is print-friendly (print styles, controls not split across pages)', () => {
    assert.ok(html.includes('@media print{'));
    assert.ok(html.includes('.control{page-break-inside:avoid;break-inside:avoid}'));
  });
});
