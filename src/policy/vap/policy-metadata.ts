import type { Severity } from '../../core/index.ts';
import { isSeverity } from '../../core/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { objectAt, stringAt } from '../../kubernetes/index.ts';
import type { PolicyDiagnostics } from './compile-spec.ts';
import type { PolicyMetadata } from './model.ts';
import { COMPLIANCE_ANNOTATION, SEVERITY_ANNOTATION } from './model.ts';

/** Name, severity and compliance annotations of a policy object; undefined (with a problem) without a name. */
export function readPolicyMetadata(artifact: KubernetesObjectArtifact, diagnostics: PolicyDiagnostics): PolicyMetadata | undefined {
  const metadata = objectAt(artifact.object, 'metadata') ?? {};
  const name = stringAt(metadata, 'name');
  if (name === undefined || name === '') {
    diagnostics.problems.push({ pointer: '/metadata', message: 'metadata.name is required' });
    return undefined;
  }
  const annotations = objectAt(metadata, 'annotations') ?? {};
  const severityText = stringAt(annotations, SEVERITY_ANNOTATION);
  let severity: Severity = 'high';
  if (severityText !== undefined && isSeverity(severityText)) severity = severityText;
  else if (severityText !== undefined) diagnostics.problems.push({ pointer: `/metadata/annotations/${SEVERITY_ANNOTATION.replace('/', '~1')}`, message: `${SEVERITY_ANNOTATION} must be one of critical, high, medium, low, info` });
  const compliance = (stringAt(annotations, COMPLIANCE_ANNOTATION) ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return { name, severity, compliance, artifact };
}

/** `Kind "name"` for messages. */
export function policyLabel(artifact: KubernetesObjectArtifact): string {
  return artifact.ref.name === undefined ? artifact.ref.kind : `${artifact.ref.kind} "${artifact.ref.name}"`;
}
