import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analyzer, Finding, Rule } from '../src/core/index.ts';
import { createSourceDocument } from '../src/core/index.ts';
import { runProjectRules, runRules } from '../src/scan/run-rules.ts';

export interface ExpectedFinding {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn: number;
  /** When given, the exact message text. */
  readonly message?: string;
}

export interface FailCase {
  readonly code: string;
  readonly findings: readonly ExpectedFinding[];
  readonly path?: string;
}

export interface RuleTestCases {
  readonly pass: readonly string[];
  readonly fail: readonly FailCase[];
}

export interface RuleTesterOptions {
  readonly analyzer: Analyzer;
  /** File name given to the code (default: what the analyzer matches, e.g. `Dockerfile`). */
  readonly path: string;
}

/** Runs a rule on source snippets and returns its findings; analyzer errors fail the test. */
export function findingsOf(rule: Rule, options: RuleTesterOptions, code: string, path = options.path): Finding[] {
  const output = options.analyzer.analyze(createSourceDocument(path, code));
  assert.deepEqual(output.errors, [], 'the analyzer reported errors for a rule test case');
  const result = runRules(output.artifacts, [rule]);
  assert.deepEqual(result.errors, [], 'the rule threw');
  return result.findings;
}

/**
 * ESLint-style table tests: every `pass` snippet yields no finding of the rule, every `fail` snippet
 * exactly the listed findings, positions included.
 */
export function runRuleTests(rule: Rule, options: RuleTesterOptions, cases: RuleTestCases): void {
  describe(`${rule.meta.id} ${rule.meta.slug}`, () => {
    for (const code of cases.pass) {
      it(`pass: ${JSON.stringify(code.slice(0, 60))}`, () => {
        assert.deepEqual(findingsOf(rule, options, code).map((finding) => summarise(finding, true)), []);
      });
    }
    for (const failCase of cases.fail) {
      it(`fail: ${JSON.stringify(failCase.code.slice(0, 60))}`, () => {
        const findings = findingsOf(rule, options, failCase.code, failCase.path ?? options.path);
        const actual = findings.map((finding, index) => summarise(finding, failCase.findings[index]?.message !== undefined));
        const expected = failCase.findings.map((finding) => ({
          messageId: finding.messageId,
          line: finding.line,
          column: finding.column,
          endLine: finding.endLine ?? finding.line,
          endColumn: finding.endColumn,
          ...(finding.message === undefined ? {} : { message: finding.message }),
        }));
        assert.deepEqual(actual, expected);
      });
    }
  });
}

interface Summary {
  readonly messageId: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
  readonly message?: string;
}

function summarise(finding: Finding, withMessage: boolean): Summary {
  const { location } = finding;
  return {
    messageId: finding.messageId,
    line: location.startLine,
    column: location.startColumn,
    endLine: location.endLine,
    endColumn: location.endColumn,
    ...(withMessage ? { message: finding.message } : {}),
  };
}

/** Several files at once, for project rules (`checkProject`): path → content. */
export type ProjectFiles = Readonly<Record<string, string>>;

export interface ProjectFailCase {
  readonly files: ProjectFiles;
  readonly findings: readonly (ExpectedFinding & { readonly path: string })[];
}

export interface ProjectRuleTestCases {
  readonly pass: readonly ProjectFiles[];
  readonly fail: readonly ProjectFailCase[];
}

/** Runs a project rule over several files and returns its findings, sorted by path and position. */
export function projectFindingsOf(rule: Rule, analyzer: Analyzer, files: ProjectFiles): Finding[] {
  const artifacts = Object.entries(files).flatMap(([path, code]) => {
    const output = analyzer.analyze(createSourceDocument(path, code));
    assert.deepEqual(output.errors, [], `the analyzer reported errors for ${path}`);
    return output.artifacts;
  });
  const result = runProjectRules(artifacts, [rule]);
  assert.deepEqual(result.errors, [], 'the rule threw');
  return [...result.findings].sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : (a.location.startLine ?? 0) - (b.location.startLine ?? 0)));
}

/** Table tests for project rules: each case is a set of files; findings name their file. */
export function runProjectRuleTests(rule: Rule, analyzer: Analyzer, cases: ProjectRuleTestCases): void {
  describe(`${rule.meta.id} ${rule.meta.slug} (project)`, () => {
    cases.pass.forEach((files, index) => {
      it(`pass #${index + 1}: ${Object.keys(files).join(', ')}`, () => {
        assert.deepEqual(projectFindingsOf(rule, analyzer, files).map((finding) => finding.location), []);
      });
    });
    cases.fail.forEach((failCase, index) => {
      it(`fail #${index + 1}: ${Object.keys(failCase.files).join(', ')}`, () => {
        const actual = projectFindingsOf(rule, analyzer, failCase.files).map((finding, position) => ({
          path: finding.location.path,
          ...summarise(finding, failCase.findings[position]?.message !== undefined),
        }));
        const expected = failCase.findings.map((finding) => ({
          path: finding.path,
          messageId: finding.messageId,
          line: finding.line,
          column: finding.column,
          endLine: finding.endLine ?? finding.line,
          endColumn: finding.endColumn,
          ...(finding.message === undefined ? {} : { message: finding.message }),
        }));
        assert.deepEqual(actual, expected);
      });
    });
  });
}
