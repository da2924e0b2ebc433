import type { Finding, Report, ScanError } from '../core/index.ts';
import { nullThrows } from '../core/index.ts';
import { compareInFile, compareText, escapeForDisplay, formatPosition, groupBy, isWaived, mostSevere, plural } from './common.ts';
import type { ReporterOptions } from './reporter.ts';
import { escapeXmlText, xmlStartTag } from './xml.ts';

/** The name of the test case that carries a file's scan errors. */
export const JUNIT_ERROR_CASE = 'scan error';

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

interface Suite {
  readonly lines: string[];
  readonly counts: Counts;
}

/**
 * JUnit XML as CI systems read it: one `<testsuite>` per file, one `<testcase>` per rule in that
 * file (`classname` = path, `name` = `ruleId slug`). The rule's findings that count go into one
 * `<failure>` listing each occurrence; a rule with only waived findings is `<skipped>`; a file's
 * scan errors form one more test case with an `<error>`.
 */
export function junitReporter(report: Report, _options: ReporterOptions): string {
  const paths = new Set([...report.findings.map((finding) => finding.location.path), ...report.errors.map((error) => error.path)]);
  const suites = [...paths].sort(compareText).map((path) =>
    renderSuite(
      path,
      report.findings.filter((finding) => finding.location.path === path),
      report.errors.filter((error) => error.path === path),
    ),
  );
  const total = sumCounts(suites);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlStartTag('testsuites', { name: report.tool.name, ...total }),
    ...suites.flatMap((suite) => suite.lines),
    '</testsuites>',
    '',
  ].join('\n');
}

function renderSuite(path: string, findings: readonly Finding[], errors: readonly ScanError[]): Suite {
  const cases = groupBy(findings, (finding) => finding.ruleId).map(([, group]) => renderRuleCase(path, [...group].sort(compareInFile)));
  if (errors.length > 0) cases.push(renderErrorCase(path, errors));
  const counts = sumCounts(cases);
  return {
    lines: [`  ${xmlStartTag('testsuite', { name: display(path), ...counts })}`, ...cases.flatMap((testCase) => testCase.lines), '  </testsuite>'],
    counts,
  };
}

function renderRuleCase(path: string, findings: readonly Finding[]): Suite {
  const first = nullThrows(findings[0], 'a rule test case has at least one finding');
  const name = display(`${first.ruleId} ${first.slug}`);
  const open = `    ${xmlStartTag('testcase', { classname: display(path), name, file: display(path) })}`;
  const active = findings.filter((finding) => !isWaived(finding));
  const waived = findings.filter(isWaived);
  if (active.length === 0) {
    const skipped = `      ${xmlStartTag('skipped', { message: display(`waived: ${waiverReasons(waived)}`) }, true)}`;
    return { lines: [open, skipped, '    </testcase>'], counts: { tests: 1, failures: 0, errors: 0, skipped: 1 } };
  }
  const severity = mostSevere(active.map((finding) => finding.severity)) ?? first.severity;
  const failure = `      ${xmlStartTag('failure', { message: display(`${first.title} (${plural(active.length, 'finding')})`), type: severity })}`;
  const lines = [open, `${failure}${escapeXmlText(active.map(occurrence).join('\n'))}</failure>`];
  if (waived.length > 0) {
    const text = waived.map((finding) => `${occurrence(finding)} (waived: ${waiverReasons([finding])})`).join('\n');
    lines.push(`      <system-out>${escapeXmlText(text)}</system-out>`);
  }
  lines.push('    </testcase>');
  return { lines, counts: { tests: 1, failures: 1, errors: 0, skipped: 0 } };
}

function renderErrorCase(path: string, errors: readonly ScanError[]): Suite {
  const sorted = [...errors].sort((a, b) => (a.startLine ?? 0) - (b.startLine ?? 0) || compareText(a.code, b.code));
  const first = nullThrows(sorted[0], 'an error test case has at least one error');
  const text = sorted.map((error) => `${formatPosition(error) || '-'} ${error.code} ${display(error.message)}`).join('\n');
  return {
    lines: [
      `    ${xmlStartTag('testcase', { classname: display(path), name: JUNIT_ERROR_CASE, file: display(path) })}`,
      `      ${xmlStartTag('error', { message: display(first.message), type: first.code })}${escapeXmlText(text)}</error>`,
      '    </testcase>',
    ],
    counts: { tests: 1, failures: 0, errors: 1, skipped: 0 },
  };
}

/** `line:column message`, one line per occurrence. */
function occurrence(finding: Finding): string {
  return `${formatPosition(finding.location) || '-'} ${display(finding.message)}`;
}

function waiverReasons(findings: readonly Finding[]): string {
  return [...new Set(findings.map((finding) => finding.suppression?.reason ?? finding.suppression?.kind ?? 'waived'))].join('; ');
}

/** Control and bidi characters become visible escapes (XML 1.0 cannot carry most controls anyway). */
function display(text: string): string {
  return escapeForDisplay(text);
}

function sumCounts(parts: readonly Suite[]): Counts {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const { counts } of parts) {
    tests += counts.tests;
    failures += counts.failures;
    errors += counts.errors;
    skipped += counts.skipped;
  }
  return { tests, failures, errors, skipped };
}
