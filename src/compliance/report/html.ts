import type { ComplianceReport, ControlResult, ControlStatus, Evidence } from './model.ts';
import { CONTROL_STATUSES } from './model.ts';
import { STATUS_LABELS, describeDatabase, describeWaiver, evidenceWhere } from './text.ts';

const STATUS_COLOURS: Readonly<Record<ControlStatus, string>> = { fail: '#c62828', waived: '#ef6c00', pass: '#2e7d32', manual: '#546e7a', 'not-applicable': '#9e9e9e' };

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.meta{color:#555}.status{font-weight:600;white-space:nowrap}
${CONTROL_STATUSES.map((status) => `.s-${status}{color:${STATUS_COLOURS[status]}}`).join('')}
.evidence{margin:.2rem 0 .8rem 1.2rem;padding:0}.evidence li{margin:.15rem 0}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
.control{page-break-inside:avoid;break-inside:avoid}
@media print{body{margin:0;max-width:none;font-size:11px}a{color:inherit;text-decoration:none}h2{page-break-after:avoid}}`;

/** One self-contained HTML file: inline CSS, an inline SVG chart, no scripts and no external assets. */
export function renderComplianceHtml(report: ComplianceReport): string {
  const title = `Compliance report: ${report.framework.title}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Framework <code>${escapeHtml(report.framework.id)}</code> (${escapeHtml(report.framework.url)}). Generated ${escapeHtml(report.generatedAt)} by palisade ${escapeHtml(report.tool.version)}.</p>`,
    '<section id="summary">',
    '<h2>Summary</h2>',
    summaryChart(report),
    summaryTable(report),
    targetsTable(report),
    `<p class="meta">Rule set: ${report.ruleSet.length} checks ran on at least one target.</p>`,
    ...(report.database === undefined ? [] : [`<p class="meta">${escapeHtml(describeDatabase(report.database))}</p>`]),
    '</section>',
    '<section id="controls">',
    '<h2>Controls</h2>',
    ...report.controls.map(controlBlock),
    '</section>',
    exceptionsSection(report),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A horizontal stacked bar of the control statuses, with a legend. */
function summaryChart(report: ComplianceReport): string {
  const width = 600;
  const total = Math.max(report.summary.total, 1);
  let x = 0;
  const bars = CONTROL_STATUSES.flatMap((status) => {
    const count = report.summary[status];
    if (count === 0) return [];
    const barWidth = (count / total) * width;
    const bar = `<rect x="${x.toFixed(1)}" y="0" width="${barWidth.toFixed(1)}" height="28" fill="${STATUS_COLOURS[status]}"><title>${STATUS_LABELS[status]}: ${count}</title></rect>`;
    x += barWidth;
    return [bar];
  });
  const legend = CONTROL_STATUSES.map((status, index) => {
    const left = index * 120;
    return `<rect x="${left}" y="40" width="12" height="12" fill="${STATUS_COLOURS[status]}"/><text x="${left + 16}" y="51" font-size="12">${STATUS_LABELS[status]} (${report.summary[status]})</text>`;
  });
  return `<svg role="img" aria-label="Control status summary" width="${width}" height="60" viewBox="0 0 ${width} 60">${bars.join('')}${legend.join('')}</svg>`;
}

function summaryTable(report: ComplianceReport): string {
  const cells = CONTROL_STATUSES.map((status) => `<td class="status s-${status}">${report.summary[status]}</td>`).join('');
  return `<table class="summary"><tr>${CONTROL_STATUSES.map((status) => `<th>${STATUS_LABELS[status]}</th>`).join('')}<th>Total</th></tr><tr>${cells}<td>${report.summary.total}</td></tr></table>`;
}

function targetsTable(report: ComplianceReport): string {
  const rows = report.targets.map((target) => `<tr><td><code>${escapeHtml(target.target)}</code></td><td>${target.filesScanned}</td><td>${target.checksRun}</td><td>${target.findings}</td><td>${target.errors}</td></tr>`);
  return `<table class="targets"><tr><th>Target</th><th>Files scanned</th><th>Checks run</th><th>Findings</th><th>Errors</th></tr>${rows.join('')}</table>`;
}

function controlBlock(control: ControlResult): string {
  const checks = control.checks.length === 0 ? 'none (assessed by hand)' : control.checks.map((check) => `<code>${escapeHtml(check.id)}</code>${check.ran ? '' : ' (did not run)'}`).join(', ');
  const evidence = control.evidence.length === 0 ? '' : `<ul class="evidence">${control.evidence.map((item) => `<li>${evidenceItem(item)}</li>`).join('')}</ul>`;
  return [
    `<div class="control" id="control-${escapeHtml(control.id)}">`,
    `<h3><span class="status s-${control.status}">${STATUS_LABELS[control.status]}</span> ${escapeHtml(control.id)} ${escapeHtml(control.title)}</h3>`,
    `<p class="meta">Automation: ${control.automation}. Checks: ${checks}.</p>`,
    evidence,
    '</div>',
  ].join('\n');
}

function evidenceItem(item: Evidence): string {
  const waiver = item.waiver === undefined ? '' : ` <em>Waived: ${escapeHtml(describeWaiver(item.waiver))}</em>`;
  return `<code>${escapeHtml(item.ruleId)}</code> ${item.severity} <code>${escapeHtml(evidenceWhere(item))}</code> in <code>${escapeHtml(item.target)}</code>: ${escapeHtml(item.message)}${waiver}`;
}

function exceptionsSection(report: ComplianceReport): string {
  const inForce = report.exceptionsInForce.map((waiver) => `<li>${escapeHtml(describeWaiver(waiver))}${waiver.source === undefined ? '' : ` <code>${escapeHtml(waiver.source)}</code>`}</li>`);
  const expired = report.expiredExceptions.map((item) => `<li><code>${escapeHtml(evidenceWhere(item))}</code>: ${escapeHtml(item.message)}</li>`);
  return [
    '<section id="exceptions">',
    '<h2>Exceptions</h2>',
    `<h3>In force (${inForce.length})</h3>`,
    inForce.length === 0 ? '<p>None.</p>' : `<ul>${inForce.join('')}</ul>`,
    `<h3>Expired (${expired.length})</h3>`,
    expired.length === 0 ? '<p>None.</p>' : `<ul>${expired.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
