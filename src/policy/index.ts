// Public API of the policy area: the CEL engine, ValidatingAdmissionPolicy evaluation, Palisade
// Policies for other targets, policy test suites and the export of built-in rules as native VAPs.
export type { CelCompileOptions, CelCompileResult, CelError, CelType, CelValueResult, CompiledCel } from './cel/index.ts';
export { compileCel, fromCelValue, toCelValue } from './cel/index.ts';
export type { PolicyFiles } from './vap/index.ts';
export { compileAdmissionPolicies, evaluatePolicies, loadPolicyFile, loadPolicyFiles } from './vap/index.ts';
export type { PolicyScanInput, PolicyScanResult, TargetModel } from './palisade-policy/index.ts';
export { compilePalisadePolicies, evaluatePalisadePolicies, imageConfigModel, sbomModel, scanWithPolicies } from './palisade-policy/index.ts';
export { findPolicyTestSuites, formatPolicyTestResults, runPolicyTestSuite } from './test-runner/index.ts';
