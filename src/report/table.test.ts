import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { describe, it } from 'node:test';
import type { Report } from '../core/index.ts';
import { canonicalReport, cleanReport, kubernetesFinding, scanError, waivedFinding } from './__fixtures__/report.ts';
import { assertSnapshot } from './__fixtures__/snapshot.ts';
import { tableReporter } from './table.ts';

const plain = (report: Report): string => tableReporter(report, { color: false });
const colored = (report: Report): string => tableReporter(report, { color: true });

describe('tableReporter', () => {
  it('matches the snapshot without colour', () => {
    assertSnapshot(plain(canonicalReport), 'table.txt');
  });

  it('matches the snapshot with colour', () => {
    assertSnapshot(colored(canonicalReport), 'table-color.txt');
  });

  it('differs with colour only by SGR escape sequences', () => {
    assert.equal(stripVTControlCharacters(colored(canonicalReport)), plain(canonicalReport));
  });

  it('writes no escape character of its own, and escapes those of the scanned files, without colour', () => {
    assert.ok(!plain(canonicalReport).includes('\u001b'));
    assert.ok(!plain(canonicalReport).includes('\u202e'));
    assert.ok(plain(canonicalReport).includes('"\\x1b[31m" in a block mapping\\u202e: bad'));
  });

  it('aligns the columns of every finding line', () => {
    const lines = plain(canonicalReport).split('\n').filter((line) => /^ {2}\d/.test(line) && !line.includes('PARSE_FAILED'));
    assert.equal(lines.length, 5);
    const severityColumns = new Set(lines.map((line) => /(CRITICAL|HIGH|MEDIUM)/.exec(line)?.index));
    const slugColumns = new Set(lines.map((line) => /(no-|require-)/.exec(line)?.index));
    assert.deepEqual([...severityColumns], [9]);
    assert.deepEqual([...slugColumns], [19]);
  });

  it('sorts files, then findings by line', () => {
    const text = plain(canonicalReport);
    assert.deepEqual(text.match(/^\S.*$/gm)?.slice(0, 4), ['deploy/app.yaml', 'services/café api/Dockerfile', 'web/package-lock.json', 'Errors']);
    assert.deepEqual(text.match(/^ {2}\d+:\d+/gm), ['  21:25', '  1:11', '  9:1', '  12:6', '  120:5']);
  });

  it('says "No findings." when clean', () => {
    assert.equal(plain(cleanReport), 'No findings.\n');
  });

  it('counts waived findings and errors even when nothing fails', () => {
    const report: Report = {
      ...cleanReport,
      findings: [waivedFinding],
      errors: [scanError],
      summary: { ...cleanReport.summary, suppressed: 1 },
    };
    assert.ok(plain(report).endsWith('\n\nNo findings. (1 waived, 1 error)\n'));
  });

  it('prints the summary and the gate', () => {
    assert.ok(plain(canonicalReport).endsWith('\n\n4 findings (1 critical, 3 high), 1 waived, 1 error\nfailing: 4 at or above high\n'));
    const off: Report = { ...canonicalReport, summary: { ...canonicalReport.summary, failOn: 'none', failing: 0 } };
    assert.ok(plain(off).endsWith('\nfailing: 0 (threshold: none)\n'));
  });

  it('leaves the position blank when it is unknown', () => {
    const finding = { ...kubernetesFinding, location: { path: 'usr/lib/os-release' } };
    const lines = plain({ ...cleanReport, findings: [finding, kubernetesFinding] }).split('\n');
    assert.ok(lines.includes('         CRITICAL  no-privileged-container  Container "web<1> & `sidecar`" sets privileged: true.'));
  });

  it('keeps the prefix narrow: a long slug pushes only its own message', () => {
    const long = { ...kubernetesFinding, slug: 'no-extremely-long-rule-slug-that-goes-on', location: { path: 'a.yaml', startLine: 2, startColumn: 3 } };
    const lines = plain({ ...cleanReport, findings: [kubernetesFinding, long] }).split('\n');
    assert.ok(lines.includes('  21:25  CRITICAL  no-privileged-container   Container "web<1> & `sidecar`" sets privileged: true.'));
    assert.ok(lines.includes('  2:3    CRITICAL  no-extremely-long-rule-slug-that-goes-on  Container "web<1> & `sidecar`" sets privileged: true.'));
  });
});
