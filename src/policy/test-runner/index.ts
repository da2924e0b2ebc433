export { findPolicyTestSuites, formatPolicyTestResults } from './format.ts';
export type { CaseResult, PolicyTestOptions, SuiteResult } from './run.ts';
export { runPolicyTestSuite } from './run.ts';
export type { Expectation, InlineNamespace, PolicyTestSuite, ResourceFile, TestCase } from './suite.ts';
export { EXPECTATIONS, POLICY_TEST_API_VERSION, POLICY_TEST_KIND, readSuite } from './suite.ts';
