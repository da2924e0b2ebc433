import type { Artifact, Finding, ScanError } from '../../core/index.ts';
import type { JsonObject, KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { toCelValue } from '../cel/index.ts';
import { IMPLICIT_BINDING } from './compile-policies.ts';
import { fieldPathToPointer } from './field-path.ts';
import { policyFinding, severityOfActions } from './findings.ts';
import { matchKeyOf, matchesResources } from './match.ts';
import type { CompiledPolicy, MatchResources, PolicyBinding, ValidationAction } from './model.ts';
import { ParamIndex } from './params.ts';
import type { AdmissionTarget } from './request.ts';
import { admissionRequestOf, admissionTargetOf, namespaceObjectOf } from './request.ts';
import { ResourceCatalog } from './resources.ts';
import { labelsOf } from '../../kubernetes/label-selector.ts';
import type { AuditAnnotationValue, Decision } from './validator.ts';
import { SharedScopes, evaluateSpec } from './validator.ts';

/** An audit annotation a policy published for an object (`<policy name>/<key>`). */
export interface PublishedAuditAnnotation {
  readonly policy: string;
  readonly binding: string;
  readonly object: string;
  readonly key: string;
  readonly value: string;
}

/** What one finding means for admission: the actions it was enforced with (for `palisade policy test`). */
export interface PolicyOutcome {
  readonly artifact: Artifact;
  readonly policy: string;
  readonly actions: readonly ValidationAction[];
  readonly finding: Finding;
}

export interface PolicyEvaluation {
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly auditAnnotations: readonly PublishedAuditAnnotation[];
  /** One per finding, in the same order. */
  readonly outcomes: readonly PolicyOutcome[];
}

/**
 * Evaluates each policy on each object as the API server would on a CREATE of it: for every binding
 * of the policy and every param the binding selects, when the policy's and the binding's match
 * criteria hold. `params` are candidate param objects; `namespaces` the scan's Namespace objects
 * (a namespace missing from them has no labels). CRDs among `objects` and `params` name the resources
 * and scopes of custom kinds.
 */
export function evaluatePolicies(
  policies: readonly CompiledPolicy[],
  bindings: readonly PolicyBinding[],
  params: readonly KubernetesObjectArtifact[],
  objects: readonly KubernetesObjectArtifact[],
  namespaces: readonly KubernetesObjectArtifact[],
): PolicyEvaluation {
  const catalog = new ResourceCatalog([...objects, ...params].map((artifact) => artifact.object));
  const context: EvaluationContext = {
    catalog,
    params: new ParamIndex(params, catalog),
    namespaces: namespaceMap(namespaces),
    celValues: new WeakMap(),
    outcomes: [],
    auditAnnotations: [],
  };
  const errors: ScanError[] = [];
  const bindingsOf = bindingsByPolicy(bindings);
  for (const artifact of objects) {
    const target = admissionTargetOf(artifact, catalog);
    const inputs = new TargetInputs(target, context);
    for (const policy of policies) {
      const policyBindings = bindingsOf.get(policy.name);
      if (policyBindings === undefined) continue;
      try {
        if (!inputs.matches(policy.matchConstraints)) continue;
        for (const binding of policyBindings) evaluateBinding(policy, binding, inputs, context);
      } catch (error) {
        errors.push({ path: artifact.source.path, code: 'POLICY_INVALID', message: `Policy "${policy.name}" failed on ${artifact.identity}: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  return { findings: context.outcomes.map((outcome) => outcome.finding), errors, auditAnnotations: context.auditAnnotations, outcomes: context.outcomes };
}

/** `bindingsByPolicy` of each bindings list seen (a webhook passes the same compiled list to every request). */
const bindingsByList = new WeakMap<readonly PolicyBinding[], ReadonlyMap<string, readonly PolicyBinding[]>>();

/** The bindings of each policy name, in their order (worked out once per bindings list). */
function bindingsByPolicy(bindings: readonly PolicyBinding[]): ReadonlyMap<string, readonly PolicyBinding[]> {
  const known = bindingsByList.get(bindings);
  if (known !== undefined) return known;
  const byPolicy = groupBindings(bindings);
  bindingsByList.set(bindings, byPolicy);
  return byPolicy;
}

function groupBindings(bindings: readonly PolicyBinding[]): Map<string, PolicyBinding[]> {
  const byPolicy = new Map<string, PolicyBinding[]>();
  for (const binding of bindings) {
    const list = byPolicy.get(binding.policyName);
    if (list === undefined) byPolicy.set(binding.policyName, [binding]);
    else list.push(binding);
  }
  return byPolicy;
}

interface EvaluationContext {
  readonly catalog: ResourceCatalog;
  readonly params: ParamIndex;
  readonly namespaces: ReadonlyMap<string, JsonObject>;
  readonly celValues: WeakMap<object, unknown>;
  readonly outcomes: PolicyOutcome[];
  readonly auditAnnotations: PublishedAuditAnnotation[];
}

/** The CEL bindings of one object with one param, and the scopes every policy evaluated with them shares. */
interface ParamScopes {
  readonly bindings: Readonly<Record<string, unknown>>;
  readonly shared: SharedScopes;
}

/** The CEL inputs of one object, built once and shared by every policy. */
class TargetInputs {
  readonly target: AdmissionTarget;
  readonly #context: EvaluationContext;
  #bindings: Readonly<Record<string, unknown>> | undefined;
  readonly #scopes = new Map<KubernetesObjectArtifact | null, ParamScopes>();
  readonly #matched = new Map<string, boolean>();

  constructor(target: AdmissionTarget, context: EvaluationContext) {
    this.target = target;
    this.#context = context;
  }

  readonly namespaceLabels = (name: string): Readonly<Record<string, string>> => {
    const namespace = this.#context.namespaces.get(name);
    return namespace === undefined ? {} : labelsOf(namespace);
  };

  /** Whether the request for this object matches (worked out once per distinct match criteria). */
  matches(match: MatchResources): boolean {
    const key = matchKeyOf(match);
    let matched = this.#matched.get(key);
    if (matched === undefined) {
      matched = matchesResources(match, this.target, this.namespaceLabels, this.#context.catalog);
      this.#matched.set(key, matched);
    }
    return matched;
  }

  /** The CEL bindings with `param` (null: none) and the scopes shared by every policy evaluated with them. */
  scopesWith(param: KubernetesObjectArtifact | null): ParamScopes {
    const known = this.#scopes.get(param);
    if (known !== undefined) return known;
    this.#bindings ??= {
      object: celValueOf(this.target.artifact.object, this.#context),
      oldObject: null,
      request: toCelValue(admissionRequestOf(this.target)),
      namespaceObject: toCelValue(namespaceObjectOf(this.target, this.#context.namespaces)),
    };
    const scopes: ParamScopes = { bindings: { ...this.#bindings, params: param === null ? null : celValueOf(param.object, this.#context) }, shared: new SharedScopes() };
    this.#scopes.set(param, scopes);
    return scopes;
  }
}

function evaluateBinding(policy: CompiledPolicy, binding: PolicyBinding, inputs: TargetInputs, context: EvaluationContext): void {
  const { target } = inputs;
  if (binding.matchResources !== undefined && !inputs.matches(binding.matchResources)) return;
  const via = binding.name === IMPLICIT_BINDING ? IMPLICIT_BINDING : `binding "${binding.name}" [${binding.validationActions.join(', ')}]`;
  const collected = context.params.collect(policy.paramKind, binding, target);
  if (!collected.ok) {
    if (policy.spec.failurePolicy === 'Ignore') return;
    const decision: Decision = { kind: 'error', pointer: '/spec/paramRef', message: `failed to configure binding: ${collected.message}` };
    const finding = policyFinding({ policy, artifact: target.artifact, at: objectAnchor(target.artifact), decision, severity: policy.severity, via, param: undefined, auditAnnotations: [] });
    context.outcomes.push({ artifact: target.artifact, policy: policy.name, actions: ['Deny'], finding });
    return;
  }
  const severity = severityOfActions(binding.validationActions, policy.severity);
  for (const param of collected.params) {
    const scopes = inputs.scopesWith(param);
    const result = evaluateSpec(policy.spec, scopes.bindings, scopes.shared);
    const paramName = param === null ? undefined : `${param.ref.namespace === undefined ? '' : `${param.ref.namespace}/`}${param.ref.name ?? ''}`;
    recordAnnotations(result.auditAnnotations, policy.name, via, target, context);
    for (const decision of result.decisions) {
      const at = decision.kind === 'violation' ? fieldAnchor(target.artifact, decision.validation.fieldPath) : objectAnchor(target.artifact);
      const finding = policyFinding({ policy, artifact: target.artifact, at, decision, severity, via, param: paramName, auditAnnotations: result.auditAnnotations });
      context.outcomes.push({ artifact: target.artifact, policy: policy.name, actions: binding.validationActions, finding });
    }
  }
}

function recordAnnotations(annotations: readonly AuditAnnotationValue[], policy: string, binding: string, target: AdmissionTarget, context: EvaluationContext): void {
  for (const annotation of annotations) context.auditAnnotations.push({ policy, binding, object: target.artifact.identity, key: annotation.key, value: annotation.value });
}

/** The object's name, else its kind: where a finding about the whole object points. */
function objectAnchor(artifact: KubernetesObjectArtifact): { readonly pointer: string } {
  return { pointer: artifact.ref.name === undefined ? '/kind' : '/metadata/name' };
}

function fieldAnchor(artifact: KubernetesObjectArtifact, fieldPath: string | undefined): { readonly pointer: string } {
  const pointer = fieldPath === undefined ? undefined : fieldPathToPointer(fieldPath);
  return pointer === undefined ? objectAnchor(artifact) : { pointer };
}

function celValueOf(object: JsonObject, context: EvaluationContext): unknown {
  const cached = context.celValues.get(object);
  if (cached !== undefined) return cached;
  const value = toCelValue(object);
  context.celValues.set(object, value);
  return value;
}

function namespaceMap(namespaces: readonly KubernetesObjectArtifact[]): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const artifact of namespaces) {
    if (artifact.ref.kind === 'Namespace' && artifact.ref.apiVersion === 'v1' && artifact.ref.name !== undefined) map.set(artifact.ref.name, artifact.object);
  }
  return map;
}
