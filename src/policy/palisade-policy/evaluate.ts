import type { Finding, ReportTarget, ScanError } from '../../core/index.ts';
import { toCelValue } from '../cel/index.ts';
import type { Decision, PolicyOutcome } from '../vap/index.ts';
import { evaluateSpec, fieldPathToPointer, policyFinding, severityOfActions } from '../vap/index.ts';
import type { CompiledPalisadePolicy, TargetModel } from './model.ts';

export interface PalisadeEvaluation {
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  /** One per finding, in the same order. */
  readonly outcomes: readonly PolicyOutcome[];
}

/**
 * Evaluates each Palisade policy on each model of one of its targets: match conditions, variables,
 * validations and audit annotations as for a ValidatingAdmissionPolicy, with `object` the model and
 * `params` the policy's `spec.params`. Findings point at the validation's `fieldPath` in the model
 * (its nearest part with a known position), else at the artifact.
 */
export function evaluatePalisadePolicies(policies: readonly CompiledPalisadePolicy[], models: readonly TargetModel[]): PalisadeEvaluation {
  const outcomes: PolicyOutcome[] = [];
  const errors: ScanError[] = [];
  const celModels = new Map<TargetModel, unknown>();
  for (const policy of policies) {
    const params = policy.params === null ? null : toCelValue(policy.params);
    const via = `validationActions [${policy.validationActions.join(', ')}]`;
    const severity = severityOfActions(policy.validationActions, policy.severity);
    for (const model of models) {
      if (!policy.targets.includes(model.target)) continue;
      let object = celModels.get(model);
      if (object === undefined) {
        object = toCelValue(model.value);
        celModels.set(model, object);
      }
      try {
        const result = evaluateSpec(policy.spec, { object, params });
        for (const decision of result.decisions) {
          const finding = policyFinding({ policy, artifact: model.artifact, at: anchorOf(model, decision), decision, severity, via, param: undefined, auditAnnotations: result.auditAnnotations });
          outcomes.push({ artifact: model.artifact, policy: policy.name, actions: policy.validationActions, finding });
        }
      } catch (error) {
        errors.push({ path: model.artifact.source.path, code: 'POLICY_INVALID', message: `Policy "${policy.name}" failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  return { findings: outcomes.map((outcome) => outcome.finding), errors, outcomes };
}

/** The range of the validation's fieldPath (or of its nearest ancestor with one), else the artifact as a whole. */
function anchorOf(model: TargetModel, decision: Decision): ReportTarget {
  const fieldPath = decision.kind === 'violation' ? decision.validation.fieldPath : undefined;
  let pointer = fieldPath === undefined ? undefined : fieldPathToPointer(fieldPath);
  while (pointer !== undefined && pointer !== '') {
    const range = model.ranges.get(pointer);
    if (range !== undefined) return { range };
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  }
  return { pointer: '' };
}
