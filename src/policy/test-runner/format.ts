import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult, SuiteResult } from './run.ts';

const SUITE_MARKER = /^kind:\s*["']?PolicyTest["']?\s*$/m;

/** The suite files at `location`: the file itself, or the YAML files of a folder (recursively) whose kind is PolicyTest. */
export function findPolicyTestSuites(location: string): string[] {
  if (!statSync(location).isDirectory()) return [location];
  return readdirSync(location, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).replaceAll('\\', '/'))
    .filter((path) => SUITE_MARKER.test(readHead(path)))
    .sort();
}

function readHead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, 64 * 1024);
  } catch {
    return '';
  }
}

/** A pass/fail table, then for each failed case what was expected and what came, then the suites' errors and a summary. */
export function formatPolicyTestResults(results: readonly SuiteResult[]): string {
  const rows = results.flatMap((suite) => suite.cases.map((result) => [result.passed ? 'PASS' : 'FAIL', suite.name, result.name, describeExpected(result), result.got]));
  const header = ['RESULT', 'SUITE', 'CASE', 'EXPECTED', 'GOT'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const out: string[] = rows.length === 0 ? [] : [line(header), ...rows.map(line), ''];
  for (const suite of results) {
    for (const result of suite.cases.filter((candidate) => !candidate.passed)) out.push(...diff(suite.name, result), '');
    for (const error of suite.errors) out.push(`ERROR ${error.path}${error.startLine === undefined ? '' : `:${error.startLine}:${error.startColumn ?? 1}`}: ${error.message}`);
    if (suite.errors.length > 0) out.push('');
  }
  const cases = results.flatMap((suite) => suite.cases);
  const passed = cases.filter((result) => result.passed).length;
  const broken = results.filter((suite) => suite.errors.length > 0).length;
  out.push(`${passed} passed, ${cases.length - passed} failed${broken === 0 ? '' : `, ${broken} suite${broken === 1 ? '' : 's'} with errors`}`);
  return `${out.join('\n')}\n`;
}

function describeExpected(result: CaseResult): string {
  return result.expectedMessage === undefined ? result.expected : `${result.expected} "${result.expectedMessage}"`;
}

function diff(suite: string, result: CaseResult): string[] {
  const got = result.messages.length === 0 ? [result.got] : result.messages.map((message) => `${result.got} "${message}"`);
  return [`FAIL ${suite} › ${result.name}`, `  - expected: ${describeExpected(result)}`, ...got.map((entry, index) => `  + ${index === 0 ? 'got:     ' : '         '} ${entry}`)];
}
