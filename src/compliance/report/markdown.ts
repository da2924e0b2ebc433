import type { ComplianceReport, ControlResult } from './model.ts';
import { CONTROL_STATUSES } from './model.ts';
import { STATUS_LABELS, describeDatabase, describeWaiver, evidenceWhere } from './text.ts';

/** GitHub's limit for a pull-request comment body. */
export const MARKDOWN_LIMIT = 65_536;
/** Evidence lines shown per control before "and N more". */
export const MARKDOWN_EVIDENCE_PER_CONTROL = 10;
/** Where the truncation note links when no URL is given. */
export const FULL_REPORT_PLACEHOLDER = 'FULL_REPORT_URL';

export interface MarkdownOptions {
  /** Link to the full (HTML or JSON) report, shown when the comment is truncated. */
  readonly fullReportUrl?: string;
  /** Character budget (default MARKDOWN_LIMIT). */
  readonly limit?: number;
}

/** The report as Markdown for a PR comment: summary, control table, then failing and waived controls. */
export function renderComplianceMarkdown(report: ComplianceReport, options: MarkdownOptions = {}): string {
  const lines = [
    `# Compliance: ${cell(report.framework.title)}`,
    '',
    `Generated ${report.generatedAt} by palisade ${report.tool.version} (${report.ruleSet.length} checks ran) for ${report.targets.map((target) => `\`${code(target.target)}\``).join(', ')}.`,
    '',
    ...(report.database === undefined ? [] : [cell(describeDatabase(report.database)), '']),
    `| ${CONTROL_STATUSES.map((status) => STATUS_LABELS[status]).join(' | ')} | Total |`,
    `|${CONTROL_STATUSES.map(() => '---:').join('|')}|---:|`,
    `| ${CONTROL_STATUSES.map((status) => report.summary[status]).join(' | ')} | ${report.summary.total} |`,
    '',
    '## Controls',
    '',
    '| Control | Title | Automation | Status | Findings |',
    '|---|---|---|---|---:|',
    ...report.controls.map((control) => `| ${cell(control.id)} | ${cell(control.title)} | ${control.automation} | ${STATUS_LABELS[control.status]} | ${control.evidence.length} |`),
    '',
    ...report.controls.filter((control) => control.status === 'fail' || control.status === 'waived').flatMap(controlSection),
    ...exceptionLines(report),
  ];
  return fit(lines, options.limit ?? MARKDOWN_LIMIT, options.fullReportUrl ?? FULL_REPORT_PLACEHOLDER);
}

function controlSection(control: ControlResult): string[] {
  const shown = control.evidence.slice(0, MARKDOWN_EVIDENCE_PER_CONTROL).map((item) => {
    const waiver = item.waiver === undefined ? '' : ` — waived: ${cell(describeWaiver(item.waiver))}`;
    return `- \`${code(item.ruleId)}\` ${item.severity} \`${code(evidenceWhere(item))}\` in \`${code(item.target)}\`: ${cell(item.message)}${waiver}`;
  });
  const more = control.evidence.length - shown.length;
  return [`### ${cell(control.id)} ${cell(control.title)} — ${STATUS_LABELS[control.status]}`, '', ...shown, ...(more > 0 ? [`- … and ${more} more`] : []), ''];
}

function exceptionLines(report: ComplianceReport): string[] {
  const inForce = report.exceptionsInForce.map((waiver) => `- ${cell(describeWaiver(waiver))}${waiver.source === undefined ? '' : ` (\`${code(waiver.source)}\`)`}`);
  const expired = report.expiredExceptions.map((item) => `- \`${code(evidenceWhere(item))}\`: ${cell(item.message)}`);
  return [
    ...(inForce.length > 0 ? ['## Exceptions in force', '', ...inForce, ''] : []),
    ...(expired.length > 0 ? ['## Expired exceptions', '', ...expired, ''] : []),
  ];
}

/** Keeps whole lines while they fit, then a note linking to the full report. */
function fit(lines: readonly string[], limit: number, url: string): string {
  const full = `${lines.join('\n')}\n`;
  if (full.length <= limit) return full;
  const kept: string[] = [];
  let length = 0;
  const noteRoom = 300 + url.length;
  for (const line of lines) {
    if (length + line.length + 1 > limit - noteRoom) break;
    kept.push(line);
    length += line.length + 1;
  }
  const note = `> **Truncated:** this comment shows ${kept.length} of ${lines.length} lines to stay under ${limit} characters. See the [full report](${url}).`;
  return `${kept.join('\n')}\n\n${note}\n`;
}

/** Text for a table cell or list item: one line, pipes escaped, HTML inert. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Text inside an inline code span: backticks cannot close it. */
function code(text: string): string {
  return text.replace(/`/g, "'").replace(/\r?\n/g, ' ');
}
