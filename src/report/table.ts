import { styleText } from 'node:util';
import type { Finding, Report, ScanError, Severity } from '../core/index.ts';
import { SEVERITIES } from '../core/index.ts';
import {
  compareInFile,
  compareText,
  describeSuppression,
  escapeForDisplay,
  formatObjectRef,
  formatPosition,
  groupBy,
  isWaived,
  plural,
} from './common.ts';
import type { ReporterOptions } from './reporter.ts';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const SEVERITY_STYLES = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
} as const satisfies Record<Severity, Style>;

const INDENT = '  ';
const GAP = '  ';
const SEVERITY_WIDTH = Math.max(...SEVERITIES.map((severity) => severity.length));
/** Longer slugs push their own row's message right instead of widening every row (80-column terminals). */
const MAX_SLUG_WIDTH = 24;

interface Columns {
  readonly position: number;
  readonly slug: number;
}

/**
 * The terminal table: findings grouped by file (files sorted; by line, then severity), one line each
 * (`line:col  SEVERITY  slug  message`), the Kubernetes object and waivers on a second line, scan
 * errors in their own group, then the counts and the gate. Text from scanned files is shown with
 * control characters escaped, so it cannot drive the terminal.
 */
export function tableReporter(report: Report, options: ReporterOptions): string {
  // validateStream: false — the caller decides about colour; the reporter never looks at process.stdout.
  const paint: Paint = (style, text) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const columns: Columns = {
    position: Math.max(0, ...report.findings.map((finding) => formatPosition(finding.location).length)),
    slug: Math.min(MAX_SLUG_WIDTH, Math.max(0, ...report.findings.map((finding) => finding.slug.length))),
  };
  const blocks = groupBy(report.findings, (finding) => finding.location.path).map(([path, findings]) => {
    const lines = [...findings].sort(compareInFile).flatMap((finding) => findingLines(finding, columns, paint));
    return [paint('bold', escapeForDisplay(path)), ...lines].join('\n');
  });
  if (report.errors.length > 0) blocks.push(errorLines(report.errors, paint));
  blocks.push(summaryLines(report, paint));
  return `${blocks.join('\n\n')}\n`;
}

function findingLines(finding: Finding, columns: Columns, paint: Paint): string[] {
  const waived = isWaived(finding);
  const severity = paint(waived ? 'dim' : SEVERITY_STYLES[finding.severity], finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH));
  const main = [
    formatPosition(finding.location).padEnd(columns.position),
    severity,
    finding.slug.padEnd(columns.slug),
    escapeForDisplay(finding.message),
  ].join(GAP);
  const indent = `${INDENT}${' '.repeat(columns.position)}${GAP}`;
  const details: string[] = [];
  const { object, jsonPointer } = finding.location;
  if (object !== undefined) {
    const pointer = jsonPointer === undefined ? '' : ` ${escapeForDisplay(jsonPointer)}`;
    details.push(`${indent}${paint('dim', escapeForDisplay(formatObjectRef(object)))}${pointer}`);
  }
  if (finding.suppression !== undefined) {
    details.push(`${indent}${paint('dim', `waived: ${escapeForDisplay(describeSuppression(finding.suppression))}`)}`);
  }
  return [`${INDENT}${main}`.trimEnd(), ...details];
}

function errorLines(errors: readonly ScanError[], paint: Paint): string {
  const sorted = [...errors].sort((a, b) => compareText(a.path, b.path) || (a.startLine ?? 0) - (b.startLine ?? 0));
  const wheres = sorted.map((error) => {
    const position = formatPosition(error);
    return escapeForDisplay(position === '' ? error.path : `${error.path}:${position}`);
  });
  const whereWidth = Math.max(...wheres.map((where) => where.length));
  const codeWidth = Math.max(...sorted.map((error) => error.code.length));
  const lines = sorted.map((error, index) =>
    [`${INDENT}${(wheres[index] ?? '').padEnd(whereWidth)}`, paint('red', error.code.padEnd(codeWidth)), escapeForDisplay(error.message)].join(GAP),
  );
  return [paint(['bold', 'red'], 'Errors'), ...lines].join('\n');
}

function summaryLines(report: Report, paint: Paint): string {
  const { summary } = report;
  const extras = `${summary.suppressed} waived, ${plural(report.errors.length, 'error')}`;
  if (summary.total === 0) {
    const clean = summary.suppressed === 0 && report.errors.length === 0;
    return clean ? paint('green', 'No findings.') : `${paint('green', 'No findings.')} (${extras})`;
  }
  const counts = SEVERITIES.filter((severity) => summary.bySeverity[severity] > 0)
    .map((severity) => paint(SEVERITY_STYLES[severity], `${summary.bySeverity[severity]} ${severity}`))
    .join(', ');
  const gate =
    summary.failOn === 'none'
      ? 'failing: 0 (threshold: none)'
      : `failing: ${paint(summary.failing > 0 ? ['bold', 'red'] : 'green', String(summary.failing))} at or above ${summary.failOn}`;
  return `${plural(summary.total, 'finding')} (${counts}), ${extras}\n${gate}`;
}
