import { existsSync } from 'node:fs';
import { analyzers } from '../catalog.ts';
import { PalisadeError } from '../core/errors.ts';
import { findPolicyTestSuites, formatPolicyTestResults, runPolicyTestSuite } from '../policy/test-runner/index.ts';
import type { SuiteResult } from '../policy/test-runner/index.ts';
import { oneOf, parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const POLICY_TEST_HELP = `Usage: palisade policy test <dir|file>... [options]

Runs policy test suites: YAML files with \`apiVersion: palisade.dev/v1\` and \`kind: PolicyTest\`
(every such file under a folder). Each suite names policy files (ValidatingAdmissionPolicies,
bindings, params, Palisade policies), resources, and cases that expect admit, deny, warn or audit.
See docs/policies.md.

Options:
  -f, --format <table|json>  Output format (default: table)
  -h, --help                 Show this help

Exit codes: 0 every case passed, 1 a case failed, 2 a suite is invalid or none was found.
`;

const OPTIONS = { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } as const;

export async function policyTestCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (parsed.values['help'] === true) {
    io.stdout.write(POLICY_TEST_HELP);
    return 0;
  }
  const format = oneOf('format', stringOption(parsed, 'format') ?? 'table', ['table', 'json'] as const);
  if (parsed.positionals.length === 0) throw new PalisadeError('USAGE', 'Name a folder or file of policy test suites: palisade policy test <dir|file>');
  const suites: string[] = [];
  for (const location of parsed.positionals) {
    if (!existsSync(location)) throw new PalisadeError('TARGET_NOT_FOUND', `No such file or folder: ${location}`);
    suites.push(...findPolicyTestSuites(location));
  }
  if (suites.length === 0) throw new PalisadeError('USAGE', `No policy test suite (kind: PolicyTest) under ${parsed.positionals.join(', ')}`);
  const results = await Promise.resolve(suites.map((suite) => runPolicyTestSuite(suite, { analyzers })));
  io.stdout.write(format === 'json' ? `${JSON.stringify({ suites: results }, null, 2)}\n` : formatPolicyTestResults(results));
  return exitCodeOf(results);
}

function exitCodeOf(results: readonly SuiteResult[]): number {
  if (results.some((suite) => suite.errors.length > 0)) return 2;
  return results.some((suite) => suite.cases.some((result) => !result.passed)) ? 1 : 0;
}
