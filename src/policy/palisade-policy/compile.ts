import type { ScanError, Severity } from '../../core/index.ts';
import { isSeverity } from '../../core/index.ts';
import type { JsonValue, KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { isJsonArray, objectAt } from '../../kubernetes/index.ts';
import type { CelType } from '../cel/index.ts';
import type { ValidationAction } from '../vap/index.ts';
import { PolicyDiagnostics, compileSpec, policyLabel, readPolicyMetadata } from '../vap/index.ts';
import type { CompiledPalisadePolicy, PolicyTarget } from './model.ts';
import { PALISADE_POLICY_API_VERSION, PALISADE_POLICY_KIND, POLICY_TARGETS } from './model.ts';

/** CEL variables of a Palisade policy: the target's model, the policy's own params, its variables. */
export const PALISADE_CEL_VARIABLES: Readonly<Record<string, CelType>> = { object: 'dyn', params: 'dyn', variables: 'map' };

export function isPalisadePolicy(artifact: KubernetesObjectArtifact): boolean {
  return artifact.ref.apiVersion === PALISADE_POLICY_API_VERSION && artifact.ref.kind === PALISADE_POLICY_KIND;
}

/**
 * Reads every `palisade.dev/v1` Policy among `artifacts` and compiles its expressions once. A policy
 * with a problem becomes POLICY_INVALID errors (file, line, column) and is left out.
 */
export function compilePalisadePolicies(artifacts: readonly KubernetesObjectArtifact[]): { readonly policies: readonly CompiledPalisadePolicy[]; readonly errors: readonly ScanError[] } {
  const policies: CompiledPalisadePolicy[] = [];
  const errors: ScanError[] = [];
  const names = new Set<string>();
  for (const artifact of artifacts) {
    if (!isPalisadePolicy(artifact)) continue;
    const diagnostics = new PolicyDiagnostics(artifact, policyLabel(artifact));
    const compiled = compilePolicy(artifact, diagnostics, names);
    errors.push(...diagnostics.errors);
    if (compiled !== undefined) policies.push(compiled);
  }
  return { policies, errors };
}

function compilePolicy(artifact: KubernetesObjectArtifact, diagnostics: PolicyDiagnostics, names: Set<string>): CompiledPalisadePolicy | undefined {
  const metadata = readPolicyMetadata(artifact, diagnostics);
  if (metadata !== undefined && names.has(metadata.name)) diagnostics.problems.push({ pointer: '/metadata/name', message: `a second policy named "${metadata.name}"; only the first is used` });
  if (metadata !== undefined) names.add(metadata.name);
  const spec = objectAt(artifact.object, 'spec') ?? {};
  const targets = readTargets(objectAt(spec, 'matchConstraints')?.['targets'], diagnostics);
  const validationActions = readActions(spec['validationActions'], diagnostics);
  const severity = readSeverity(spec['severity'], diagnostics);
  const compiled = compileSpec(spec, '/spec', PALISADE_CEL_VARIABLES, diagnostics);
  if (metadata === undefined || compiled === undefined) return undefined;
  return { ...metadata, severity: severity ?? metadata.severity, targets, validationActions, params: spec['params'] ?? null, spec: compiled };
}

function readTargets(value: JsonValue | undefined, diagnostics: PolicyDiagnostics): PolicyTarget[] {
  const pointer = '/spec/matchConstraints/targets';
  const targets = isJsonArray(value) ? POLICY_TARGETS.filter((target) => value.includes(target)) : [];
  const unknown = isJsonArray(value) ? value.filter((item) => !POLICY_TARGETS.some((target) => target === item)) : [];
  if (targets.length === 0 || unknown.length > 0) diagnostics.problems.push({ pointer, message: `targets must list one or more of ${POLICY_TARGETS.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.map((item) => JSON.stringify(item)).join(', ')})` : ''}` });
  return targets;
}

const ACTIONS: readonly ValidationAction[] = ['Deny', 'Warn', 'Audit'];

function readActions(value: JsonValue | undefined, diagnostics: PolicyDiagnostics): ValidationAction[] {
  if (value === undefined || value === null) return ['Deny'];
  const actions = isJsonArray(value) ? ACTIONS.filter((action) => value.includes(action)) : [];
  const valid = isJsonArray(value) && actions.length > 0 && value.every((item) => ACTIONS.some((action) => action === item));
  if (!valid) diagnostics.problems.push({ pointer: '/spec/validationActions', message: 'validationActions must list Deny, Warn or Audit' });
  else if (actions.includes('Deny') && actions.includes('Warn')) diagnostics.problems.push({ pointer: '/spec/validationActions', message: 'Deny and Warn may not be used together' });
  return actions;
}

function readSeverity(value: JsonValue | undefined, diagnostics: PolicyDiagnostics): Severity | undefined {
  if (value === undefined || value === null) return undefined;
  if (isSeverity(value)) return value;
  diagnostics.problems.push({ pointer: '/spec/severity', message: 'severity must be one of critical, high, medium, low, info' });
  return undefined;
}
