import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Report } from '../core/index.ts';
import { canonicalReport, cleanReport, kubernetesFinding, waivedFinding } from './__fixtures__/report.ts';
import { REPORT_FORMATS, loadReporter, reporters, validateReport } from './index.ts';

describe('reporters', () => {
  it('lists every format once, frozen', () => {
    assert.deepEqual(Object.keys(reporters), [...REPORT_FORMATS]);
    assert.deepEqual(REPORT_FORMATS, ['table', 'json', 'sarif', 'junit', 'markdown', 'gitlab-sast']);
    assert.ok(Object.isFrozen(reporters));
  });

  it('loads each reporter on its own, rendering as the eager list does', async () => {
    for (const format of REPORT_FORMATS) {
      const reporter = await loadReporter(format);
      assert.equal(reporter(canonicalReport, { color: false }), reporters[format](canonicalReport, { color: false }), format);
    }
  });

  it('has one module per format beside the list', () => {
    const files = new Set(readdirSync(new URL('.', import.meta.url)));
    for (const format of REPORT_FORMATS) {
      assert.ok(files.has(`${format}.ts`), `${format}.ts`);
      assert.ok(files.has(`${format}.test.ts`), `${format}.test.ts`);
    }
  });

  for (const format of REPORT_FORMATS) {
    it(`${format}: renders the canonical and the clean report as text ending in a newline, deterministically`, () => {
      for (const report of [canonicalReport, cleanReport]) {
        const output = reporters[format](report, { color: false });
        assert.ok(output.endsWith('\n'));
        assert.equal(reporters[format](report, { color: false }), output);
      }
    });
  }

  it('every format renders a huge report (5,000 findings in 500 files)', () => {
    const findings = Array.from({ length: 5000 }, (_, index) => ({
      ...(index % 7 === 0 ? waivedFinding : kubernetesFinding),
      location: { path: `deploy/app-${index % 500}.yaml`, startLine: index + 1, startColumn: 1 },
    }));
    const report: Report = { ...cleanReport, findings };
    for (const format of REPORT_FORMATS) {
      const length = reporters[format](report, { color: true }).length;
      assert.ok(format === 'markdown' ? length < 65_536 : length > 100_000, `${format}: ${length}`);
    }
    assert.deepEqual(validateReport(JSON.parse(reporters.json(report, { color: false }))), []);
  });

  it('json output validates against the schema through the public API', () => {
    assert.deepEqual(validateReport(JSON.parse(reporters.json(canonicalReport, { color: true }))), []);
  });

  it('only the table uses colour', () => {
    for (const format of REPORT_FORMATS) {
      if (format === 'table') continue;
      assert.equal(reporters[format](canonicalReport, { color: true }), reporters[format](canonicalReport, { color: false }), format);
    }
  });
});
