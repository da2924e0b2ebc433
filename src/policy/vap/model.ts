import type { Severity } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import type { LabelSelector } from '../../kubernetes/label-selector.ts';
import type { CompiledCel } from '../cel/index.ts';

export type { LabelRequirement, LabelSelector } from '../../kubernetes/label-selector.ts';


/** One `resourceRules` / `excludeResourceRules` entry (a NamedRuleWithOperations). */
export interface ResourceRule {
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly operations: readonly string[];
  /** `*` (default), `Cluster` or `Namespaced`. */
  readonly scope: string;
  readonly resourceNames: readonly string[];
}

export interface MatchResources {
  /** Undefined: every namespace (the API server defaults it to `{}`). */
  readonly namespaceSelector: LabelSelector | undefined;
  readonly objectSelector: LabelSelector | undefined;
  readonly resourceRules: readonly ResourceRule[];
  readonly excludeResourceRules: readonly ResourceRule[];
  readonly matchPolicy: 'Equivalent' | 'Exact';
}

/** A compiled CEL expression and where it is written in the policy object (a JSON pointer). */
export interface CompiledExpression {
  readonly program: CompiledCel;
  readonly pointer: string;
  readonly source: string;
}

export interface NamedExpression extends CompiledExpression {
  readonly name: string;
}

export interface CompiledValidation {
  readonly index: number;
  readonly expression: CompiledExpression;
  readonly message: string | undefined;
  readonly messageExpression: CompiledExpression | undefined;
  readonly reason: string | undefined;
  readonly fieldPath: string | undefined;
}

export interface CompiledAuditAnnotation {
  readonly key: string;
  readonly valueExpression: CompiledExpression;
}

export type FailurePolicy = 'Fail' | 'Ignore';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** What ValidatingAdmissionPolicies and Palisade policies share: the expressions and how errors count. */
export interface CompiledSpec {
  readonly failurePolicy: FailurePolicy;
  readonly matchConditions: readonly NamedExpression[];
  readonly variables: readonly NamedExpression[];
  /** Equal for specs whose variables compute the same values from the same bindings (see `VariableCache`). */
  readonly variablesKey: string;
  readonly validations: readonly CompiledValidation[];
  readonly auditAnnotations: readonly CompiledAuditAnnotation[];
}

/** Annotations every policy kind may carry. */
export interface PolicyMetadata {
  readonly name: string;
  /** `palisade.dev/severity` (default high): the severity of Deny findings. */
  readonly severity: Severity;
  /** `palisade.dev/compliance`: `framework:control` ids. */
  readonly compliance: readonly string[];
  /** Where the policy is written. */
  readonly artifact: KubernetesObjectArtifact;
}

export interface ParamKind {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface CompiledPolicy extends PolicyMetadata {
  readonly spec: CompiledSpec;
  readonly paramKind: ParamKind | undefined;
  readonly matchConstraints: MatchResources;
}

export interface ParamRef {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly selector: LabelSelector | undefined;
  readonly parameterNotFoundAction: 'Allow' | 'Deny';
}

export interface PolicyBinding {
  readonly name: string;
  readonly policyName: string;
  readonly paramRef: ParamRef | undefined;
  readonly matchResources: MatchResources | undefined;
  readonly validationActions: readonly ValidationAction[];
  /** Undefined for the implicit binding of a policy that has none. */
  readonly artifact: KubernetesObjectArtifact | undefined;
}

export const VAP_KIND = 'ValidatingAdmissionPolicy';
export const VAP_BINDING_KIND = 'ValidatingAdmissionPolicyBinding';
export const ADMISSION_API_VERSIONS: ReadonlySet<string> = new Set(['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1alpha1']);
export const SEVERITY_ANNOTATION = 'palisade.dev/severity';
export const COMPLIANCE_ANNOTATION = 'palisade.dev/compliance';
