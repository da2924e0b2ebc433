import type { Finding, Report, ScanError, Severity } from '../core/index.ts';
import { SEVERITIES } from '../core/index.ts';
import {
  compareBySeverity,
  compareText,
  describeSuppression,
  escapeForDisplay,
  formatObjectRef,
  formatPathLine,
  formatPosition,
  isWaived,
  plural,
} from './common.ts';
import type { ReporterOptions } from './reporter.ts';

/** Rows of findings shown at most. */
export const MARKDOWN_MAX_ROWS = 200;
/** Scan errors listed at most. */
export const MARKDOWN_MAX_ERRORS = 20;
// A GitHub comment holds 65,536 characters: rows and error items get budgets that leave room for the rest.
const MAX_ROW_CHARS = 52_000;
const MAX_ERROR_CHARS = 8_000;
/** Longest cell text kept, in characters (before escaping). */
const MAX_CELL = 300;

interface Row {
  readonly finding: Finding;
  readonly text: string;
}

/**
 * Markdown for pull-request comments: a heading, the counts, one table per severity, waived findings
 * in a collapsed `<details>`, then scan errors. Text from scanned files is escaped so it cannot
 * break the table, inject HTML, or @-mention people.
 */
export function markdownReporter(report: Report, _options: ReporterOptions): string {
  const active = report.findings.filter((finding) => !isWaived(finding)).sort(compareBySeverity);
  const waived = report.findings.filter(isWaived).sort(compareBySeverity);
  const candidates = [...active.map(activeRow), ...waived.map(waivedRow)];
  const rows = candidates.slice(0, fitting(candidates.map((row) => row.text), MARKDOWN_MAX_ROWS, MAX_ROW_CHARS));
  const shownActive = rows.slice(0, Math.min(rows.length, active.length));
  const shownWaived = rows.slice(shownActive.length);
  const hidden = report.findings.length - rows.length;
  const sections = [
    '## Palisade scan',
    summaryLines(report),
    ...SEVERITIES.map((severity) => severityTable(severity, shownActive)),
    waivedSection(waived.length, shownWaived),
    hidden === 0 ? '' : `_${plural(hidden, 'more finding')} not shown; the JSON or SARIF report has them all._`,
    errorsSection(report.errors),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

/** How many of the leading lines fit within both a count and a character budget. */
function fitting(lines: readonly string[], maxCount: number, maxChars: number): number {
  let chars = 0;
  let count = 0;
  for (const line of lines) {
    chars += line.length + 1;
    if (count === maxCount || chars > maxChars) break;
    count += 1;
  }
  return count;
}

function activeRow(finding: Finding): Row {
  return { finding, text: `| ${finding.severity} | ${ruleCell(finding)} | ${locationCell(finding)} | ${cell(finding.message)} |` };
}

function waivedRow(finding: Finding): Row {
  const waiver = finding.suppression === undefined ? '' : describeSuppression(finding.suppression);
  return { finding, text: `| ${finding.severity} | ${ruleCell(finding)} | ${locationCell(finding)} | ${cell(finding.message)} | ${cell(waiver)} |` };
}

function summaryLines(report: Report): string {
  const { summary } = report;
  const counts = SEVERITIES.filter((severity) => summary.bySeverity[severity] > 0).map(
    (severity) => `${summary.bySeverity[severity]} ${severity}`,
  );
  const head = summary.total === 0 ? 'No findings.' : `**${plural(summary.total, 'finding')}** (${counts.join(', ')})`;
  const extras = [summary.suppressed === 0 ? '' : `${summary.suppressed} waived`, report.errors.length === 0 ? '' : plural(report.errors.length, 'error')];
  const first = [head, ...extras].filter((part) => part !== '').join(' · ');
  const scanned = `${plural(summary.filesScanned, 'file')} scanned · target ${cell(report.target)}`;
  if (summary.total === 0) return `${first}  \n${scanned}`;
  const gate = summary.failOn === 'none' ? 'Failing: 0 (threshold: none)' : `Failing: **${summary.failing}** at or above **${summary.failOn}**`;
  return `${first}  \n${gate} · ${scanned}`;
}

function severityTable(severity: Severity, rows: readonly Row[]): string {
  const shown = rows.filter((row) => row.finding.severity === severity);
  if (shown.length === 0) return '';
  return [
    `### ${severity[0]?.toUpperCase() ?? ''}${severity.slice(1)} (${shown.length})`,
    '',
    '| Severity | Rule | Location | Message |',
    '| --- | --- | --- | --- |',
    ...shown.map((row) => row.text),
  ].join('\n');
}

function waivedSection(count: number, rows: readonly Row[]): string {
  if (count === 0) return '';
  const table =
    rows.length === 0
      ? ['_Left out: size limit reached._']
      : ['| Severity | Rule | Location | Message | Waiver |', '| --- | --- | --- | --- | --- |', ...rows.map((row) => row.text)];
  return ['<details>', `<summary>${plural(count, 'waived finding')}</summary>`, '', ...table, '', '</details>'].join('\n');
}

function errorsSection(errors: readonly ScanError[]): string {
  if (errors.length === 0) return '';
  const sorted = [...errors].sort((a, b) => compareText(a.path, b.path) || (a.startLine ?? 0) - (b.startLine ?? 0));
  const all = sorted.map((error) => {
    const position = formatPosition(error);
    const where = position === '' ? error.path : `${error.path}:${position}`;
    return `- ${cell(where)}: **${error.code}** ${cell(error.message)}`;
  });
  const items = all.slice(0, fitting(all, MARKDOWN_MAX_ERRORS, MAX_ERROR_CHARS));
  if (items.length < all.length) items.push(`- _…and ${plural(all.length - items.length, 'more error')}._`);
  return [`### Errors (${errors.length})`, '', ...items].join('\n');
}

function ruleCell(finding: Finding): string {
  const id = cell(finding.ruleId);
  const link = finding.helpUri === undefined ? id : `[${id}](${encodeLinkTarget(finding.helpUri)})`;
  return `${link} ${cell(finding.slug)}`;
}

function locationCell(finding: Finding): string {
  const { object } = finding.location;
  const where = cell(formatPathLine(finding.location));
  return object === undefined ? where : `${where}<br>${cell(formatObjectRef(object))}`;
}

const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&!]/g;

/**
 * Text for a table cell or list item: line breaks become `<br>`, control and bidi characters visible
 * escapes, Markdown and HTML punctuation backslash-escaped, and `@name` / `#123` broken with an
 * empty HTML comment (GitHub ignores backslashes there and would notify people or link issues).
 */
export function cell(text: string): string {
  const clipped = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  return clipped
    .split(/\r\n|\r|\n/)
    .map((line) =>
      escapeForDisplay(line)
        .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`)
        .replace(/([@#])(?=[\p{L}\p{N}])/gu, '$1<!-- -->'),
    )
    .join('<br>');
}

/** A link target that cannot end the link early or break the table. */
function encodeLinkTarget(url: string): string {
  return url.replace(/[\s()<>|\\`]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
