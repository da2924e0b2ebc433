import type { ScanError } from '../../core/index.ts';
import type { JsonObject, JsonValue, KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { isJsonArray, isJsonObject, objectAt } from '../../kubernetes/index.ts';
import { PolicyDiagnostics, VAP_CEL_VARIABLES, compileSpec } from './compile-spec.ts';
import { parseMatchResources } from './match.ts';
import type { CompiledPolicy, ParamKind, ParamRef, PolicyBinding, ValidationAction } from './model.ts';
import { ADMISSION_API_VERSIONS, VAP_BINDING_KIND, VAP_KIND } from './model.ts';
import { policyLabel, readPolicyMetadata } from './policy-metadata.ts';
import { parseLabelSelector } from '../../kubernetes/label-selector.ts';

export interface CompiledPolicies {
  readonly policies: readonly CompiledPolicy[];
  /** The bindings read, plus an implicit `Deny` binding for each policy without one (and without paramKind). */
  readonly bindings: readonly PolicyBinding[];
  readonly errors: readonly ScanError[];
}

/** Name given to the binding Palisade assumes for a policy that has none. */
export const IMPLICIT_BINDING = '(no binding: validationActions [Deny])';

export function isAdmissionPolicy(artifact: KubernetesObjectArtifact): boolean {
  return ADMISSION_API_VERSIONS.has(artifact.ref.apiVersion) && artifact.ref.kind === VAP_KIND;
}

export function isAdmissionPolicyBinding(artifact: KubernetesObjectArtifact): boolean {
  return ADMISSION_API_VERSIONS.has(artifact.ref.apiVersion) && artifact.ref.kind === VAP_BINDING_KIND;
}

/**
 * Reads every ValidatingAdmissionPolicy and binding among `artifacts` and compiles each policy's
 * expressions once. A policy or binding with a problem becomes POLICY_INVALID errors (naming the file,
 * line and column) and is left out; the others are unaffected.
 */
export function compileAdmissionPolicies(artifacts: readonly KubernetesObjectArtifact[]): CompiledPolicies {
  const errors: ScanError[] = [];
  const policies: CompiledPolicy[] = [];
  const bindings: PolicyBinding[] = [];
  const policyNames = new Set<string>();
  const bindingNames = new Set<string>();
  for (const artifact of artifacts) {
    if (isAdmissionPolicy(artifact)) {
      const diagnostics = new PolicyDiagnostics(artifact, policyLabel(artifact));
      const compiled = compilePolicy(artifact, diagnostics, policyNames);
      errors.push(...diagnostics.errors);
      if (compiled !== undefined) policies.push(compiled);
    } else if (isAdmissionPolicyBinding(artifact)) {
      const diagnostics = new PolicyDiagnostics(artifact, policyLabel(artifact));
      const binding = parseBinding(artifact, diagnostics, bindingNames);
      errors.push(...diagnostics.errors);
      if (binding !== undefined) bindings.push(binding);
    }
  }
  for (const binding of bindings) {
    if (policyNames.has(binding.policyName) || binding.artifact === undefined) continue;
    const diagnostics = new PolicyDiagnostics(binding.artifact, policyLabel(binding.artifact));
    diagnostics.error('/spec/policyName', `names policy "${binding.policyName}", which is not among the policies read; the binding has no effect`);
    errors.push(...diagnostics.errors);
  }
  return { policies, bindings: [...bindings, ...implicitBindings(policies, bindings, errors)], errors };
}

function compilePolicy(artifact: KubernetesObjectArtifact, diagnostics: PolicyDiagnostics, seen: Set<string>): CompiledPolicy | undefined {
  const metadata = readPolicyMetadata(artifact, diagnostics);
  if (metadata !== undefined && seen.has(metadata.name)) diagnostics.problems.push({ pointer: '/metadata/name', message: `a second policy named "${metadata.name}"; only the first is used` });
  if (metadata !== undefined) seen.add(metadata.name);
  const spec = objectAt(artifact.object, 'spec');
  if (spec === undefined) diagnostics.problems.push({ pointer: '', message: 'spec is required' });
  const paramKind = readParamKind(spec?.['paramKind'], diagnostics);
  const matchConstraints = parseMatchResources(spec?.['matchConstraints'], '/spec/matchConstraints', diagnostics.problems);
  if (spec !== undefined && matchConstraints.resourceRules.length === 0) diagnostics.problems.push({ pointer: '/spec/matchConstraints', message: 'matchConstraints.resourceRules is required' });
  const compiled = compileSpec(spec ?? {}, '/spec', VAP_CEL_VARIABLES, diagnostics);
  if (metadata === undefined || compiled === undefined) return undefined;
  return { ...metadata, spec: compiled, paramKind, matchConstraints };
}

/** `paramKind` as `{ apiVersion, kind }` (v1, v1beta1) or `{ group, version, kind }` (early v1alpha1). */
function readParamKind(value: JsonValue | undefined, diagnostics: PolicyDiagnostics): ParamKind | undefined {
  if (value === undefined || value === null) return undefined;
  const kind = isJsonObject(value) ? value['kind'] : undefined;
  const apiVersion = isJsonObject(value) ? (value['apiVersion'] ?? joinGroupVersion(value)) : undefined;
  if (typeof kind === 'string' && kind !== '' && typeof apiVersion === 'string' && apiVersion !== '') return { apiVersion, kind };
  diagnostics.problems.push({ pointer: '/spec/paramKind', message: 'paramKind needs apiVersion and kind' });
  return undefined;
}

function joinGroupVersion(value: JsonObject): string | undefined {
  const { group, version } = value;
  if (typeof version !== 'string') return undefined;
  return typeof group === 'string' && group !== '' ? `${group}/${version}` : version;
}

const ACTIONS: readonly ValidationAction[] = ['Deny', 'Warn', 'Audit'];

function parseBinding(artifact: KubernetesObjectArtifact, diagnostics: PolicyDiagnostics, seen: Set<string>): PolicyBinding | undefined {
  const name = artifact.ref.name;
  const spec = objectAt(artifact.object, 'spec') ?? {};
  const policyName = spec['policyName'];
  if (name === undefined || name === '') diagnostics.problems.push({ pointer: '/metadata', message: 'metadata.name is required' });
  if (name !== undefined && seen.has(name)) diagnostics.problems.push({ pointer: '/metadata/name', message: `a second binding named "${name}"; only the first is used` });
  if (name !== undefined) seen.add(name);
  if (typeof policyName !== 'string' || policyName === '') diagnostics.problems.push({ pointer: '/spec/policyName', message: 'policyName is required' });
  const validationActions = readActions(spec['validationActions'], diagnostics);
  const paramRef = readParamRef(spec['paramRef'], diagnostics);
  const matchResources = spec['matchResources'] === undefined || spec['matchResources'] === null ? undefined : parseMatchResources(spec['matchResources'], '/spec/matchResources', diagnostics.problems);
  if (!diagnostics.flush() || name === undefined || typeof policyName !== 'string') return undefined;
  return { name, policyName, paramRef, matchResources, validationActions, artifact };
}

function readActions(value: JsonValue | undefined, diagnostics: PolicyDiagnostics): ValidationAction[] {
  const actions = isJsonArray(value) ? ACTIONS.filter((action) => value.includes(action)) : [];
  const pointer = '/spec/validationActions';
  if (!isJsonArray(value) || actions.length === 0) diagnostics.problems.push({ pointer, message: 'validationActions must list at least one of Deny, Warn, Audit' });
  else if (value.some((item) => typeof item !== 'string' || !ACTIONS.some((action) => action === item))) diagnostics.problems.push({ pointer, message: 'validationActions may only hold Deny, Warn and Audit' });
  else if (actions.includes('Deny') && actions.includes('Warn')) diagnostics.problems.push({ pointer, message: 'Deny and Warn may not be used together' });
  return actions;
}

function readParamRef(value: JsonValue | undefined, diagnostics: PolicyDiagnostics): ParamRef | undefined {
  if (value === undefined || value === null) return undefined;
  const pointer = '/spec/paramRef';
  if (!isJsonObject(value)) {
    diagnostics.problems.push({ pointer, message: 'paramRef must be an object' });
    return undefined;
  }
  const name = typeof value['name'] === 'string' && value['name'] !== '' ? value['name'] : undefined;
  const namespace = typeof value['namespace'] === 'string' && value['namespace'] !== '' ? value['namespace'] : undefined;
  const selector = parseLabelSelector(value['selector'], `${pointer}/selector`, diagnostics.problems);
  if ((name === undefined) === (selector === undefined)) diagnostics.problems.push({ pointer, message: 'paramRef needs exactly one of name and selector' });
  const action = value['parameterNotFoundAction'] ?? 'Allow';
  if (action !== 'Allow' && action !== 'Deny') diagnostics.problems.push({ pointer: `${pointer}/parameterNotFoundAction`, message: 'parameterNotFoundAction must be Allow or Deny' });
  return { name, namespace, selector, parameterNotFoundAction: action === 'Deny' ? 'Deny' : 'Allow' };
}

/** A policy nobody binds is evaluated as if bound with `validationActions: [Deny]` (unless it needs params). */
function implicitBindings(policies: readonly CompiledPolicy[], bindings: readonly PolicyBinding[], errors: ScanError[]): PolicyBinding[] {
  const bound = new Set(bindings.map((binding) => binding.policyName));
  const implicit: PolicyBinding[] = [];
  for (const policy of policies) {
    if (bound.has(policy.name)) continue;
    if (policy.paramKind === undefined) {
      implicit.push({ name: IMPLICIT_BINDING, policyName: policy.name, paramRef: undefined, matchResources: undefined, validationActions: ['Deny'], artifact: undefined });
      continue;
    }
    const diagnostics = new PolicyDiagnostics(policy.artifact, policyLabel(policy.artifact));
    diagnostics.error('/spec/paramKind', 'the policy takes params but no binding names it, so it has none; it was not evaluated');
    errors.push(...diagnostics.errors);
  }
  return implicit;
}
