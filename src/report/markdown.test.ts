import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../core/index.ts';
import { canonicalReport, cleanReport, kubernetesFinding, scanError, waivedFinding } from './__fixtures__/report.ts';
import { assertSnapshot } from './__fixtures__/snapshot.ts';
import { MARKDOWN_MAX_ERRORS, MARKDOWN_MAX_ROWS, cell, markdownReporter } from './markdown.ts';

const options = { color: false };
const render = (report: Report): string => markdownReporter(report, options);

function manyFindings(count: number): Report['findings'] {
  return Array.from({ length: count }, (_, index) => ({
    ...kubernetesFinding,
    location: { path: 'deploy/app.yaml', startLine: index + 1, startColumn: 1 },
  }));
}

describe('markdownReporter', () => {
  it('matches the snapshot of the canonical report', () => {
    assertSnapshot(render(canonicalReport), 'markdown.md');
  });

  it('matches the snapshot of a clean report', () => {
    assertSnapshot(render(cleanReport), 'markdown-clean.md');
  });

  it('writes one table per severity, most severe first, each row with four cells', () => {
    const text = render(canonicalReport);
    assert.deepEqual(text.match(/^### .*$/gm), ['### Critical (1)', '### High (3)', '### Errors (1)']);
    const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Severity'));
    assert.equal(rows.length, 5);
    for (const row of rows) {
      // Cells are separated by unescaped pipes only.
      const separators = row.replace(/\\\\/g, '').match(/(?<!\\)\|/g) ?? [];
      assert.equal(separators.length, row.includes('exception:') ? 6 : 5, row);
    }
  });

  it('collapses waived findings in a details block', () => {
    const text = render(canonicalReport);
    const details = /<details>\n<summary>1 waived finding<\/summary>\n\n([\s\S]*?)\n\n<\/details>/.exec(text)?.[1];
    assert.ok(details !== undefined);
    assert.ok(details.includes('require-non-root-user'));
    assert.ok(details.includes('exception: Build stage only \\| final image is "distroless" \\& \\<nonroot\\> (owner: platform-team, ticket: SEC-123, expires: 2026-12-31)'));
  });

  it(`caps the tables at ${MARKDOWN_MAX_ROWS} rows and says how many were left out`, () => {
    const findings = [...manyFindings(MARKDOWN_MAX_ROWS + 5), waivedFinding];
    const text = render({ ...cleanReport, findings });
    const rows = text.split('\n').filter((line) => /^\| (critical|medium) /.test(line));
    assert.equal(rows.length, MARKDOWN_MAX_ROWS);
    assert.ok(text.includes('<summary>1 waived finding</summary>\n\n_Left out: size limit reached._\n\n</details>'));
    assert.ok(text.includes('\n\n_6 more findings not shown; the JSON or SARIF report has them all._\n'));
  });

  it('stays under the 65,536 characters of a GitHub comment with long, heavily escaped messages', () => {
    const message = '@a|'.repeat(100);
    const findings = manyFindings(300).map((finding) => ({ ...finding, message }));
    const errors = Array.from({ length: 500 }, () => ({ ...scanError, message }));
    const text = render({ ...cleanReport, findings, errors });
    assert.ok(text.length < 65_536, String(text.length));
    const shown = text.split('\n').filter((line) => line.startsWith('| critical ')).length;
    assert.ok(shown > 0 && shown < MARKDOWN_MAX_ROWS, String(shown));
    assert.ok(text.includes(`_${300 - shown} more findings not shown; the JSON or SARIF report has them all._`));
    const listed = text.split('\n').filter((line) => line.startsWith('- deploy/broken.yaml:3:5')).length;
    assert.ok(listed > 0 && listed < MARKDOWN_MAX_ERRORS, String(listed));
    assert.ok(text.endsWith(`\n- _…and ${500 - listed} more errors._\n`));
  });

  it(`lists at most ${MARKDOWN_MAX_ERRORS} errors`, () => {
    const errors = Array.from({ length: 25 }, (_, index) => ({ ...scanError, path: `f${String(index).padStart(2, '0')}.yaml` }));
    const text = render({ ...cleanReport, errors });
    assert.equal(text.split('\n').filter((line) => /^- f\d\d\.yaml/.test(line)).length, MARKDOWN_MAX_ERRORS);
    assert.ok(text.endsWith('\n- _…and 5 more errors._\n'));
  });

  it('lists errors with their position and code', () => {
    const text = render({ ...cleanReport, errors: [scanError, { path: 'a.yaml', code: 'FILE_TOO_LARGE', message: 'Over 10 MB.' }] });
    assert.ok(
      text.endsWith(
        '### Errors (2)\n\n' +
          '- a.yaml: **FILE_TOO_LARGE** Over 10 MB.\n' +
          '- deploy/broken.yaml:3:5: **PARSE_FAILED** Unexpected "\\<" \\& "\\\\x1b\\[31m" in a block mapping\\\\u202e: bad indentation\n',
      ),
    );
  });

  it('says when the gate is off', () => {
    const report: Report = { ...canonicalReport, summary: { ...canonicalReport.summary, failOn: 'none', failing: 0 } };
    assert.ok(render(report).includes('\nFailing: 0 (threshold: none) · 7 files scanned'));
  });
});

describe('cell', () => {
  const cases = [
    ['plain text', 'plain text'],
    ['a|b', 'a\\|b'],
    ['`code`', '\\`code\\`'],
    ['line\nbreak\r\nand\rmore', 'line<br>break<br>and<br>more'],
    ['<script>&amp;', '\\<script\\>\\&amp;'],
    ['*bold* _it_ [link](x) ~~s~~ !', '\\*bold\\* \\_it\\_ \\[link\\](x) \\~\\~s\\~\\~ \\!'],
    ['back\\slash', 'back\\\\slash'],
    ['@octocat and @org/team', '@<!-- -->octocat and @<!-- -->org/team'],
    ['see #123', 'see #<!-- -->123'],
    ['mail a@b.c', 'mail a@<!-- -->b.c'],
    ['esc \u001b[2J bidi \u202e', 'esc \\\\x1b\\[2J bidi \\\\u202e'],
    ['naïve 日本', 'naïve 日本'],
    ['x'.repeat(400), `${'x'.repeat(299)}…`],
  ] as const;
  for (const [input, expected] of cases) {
    it(JSON.stringify(input.slice(0, 40)), () => assert.equal(cell(input), expected));
  }
});
