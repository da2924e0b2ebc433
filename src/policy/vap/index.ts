export type { CompiledPolicies } from './compile-policies.ts';
export { IMPLICIT_BINDING, compileAdmissionPolicies, isAdmissionPolicy, isAdmissionPolicyBinding } from './compile-policies.ts';
export { PolicyDiagnostics, VAP_CEL_VARIABLES, compileSpec, dottedPath } from './compile-spec.ts';
export type { PolicyEvaluation, PolicyOutcome, PublishedAuditAnnotation } from './evaluate.ts';
export { evaluatePolicies } from './evaluate.ts';
export { positionInString } from './expression-position.ts';
export { fieldPathToPointer } from './field-path.ts';
export type { PolicyFindingInput } from './findings.ts';
export { policyFinding, severityOfActions, slugify } from './findings.ts';
export type { PolicyFiles } from './load-directory.ts';
export { MAX_POLICY_FILE_SIZE, loadPolicyFile, loadPolicyFiles, parsePolicyText } from './load-directory.ts';
export type {
  CompiledPolicy,
  CompiledSpec,
  CompiledValidation,
  FailurePolicy,
  LabelSelector,
  MatchResources,
  ParamKind,
  ParamRef,
  PolicyBinding,
  PolicyMetadata,
  ValidationAction,
} from './model.ts';
export { COMPLIANCE_ANNOTATION, SEVERITY_ANNOTATION } from './model.ts';
export { readPolicyMetadata, policyLabel } from './policy-metadata.ts';
export type { AuditAnnotationValue, Decision, SpecResult } from './validator.ts';
export { evaluateSpec } from './validator.ts';
