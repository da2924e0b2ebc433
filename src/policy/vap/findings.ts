import type { Artifact, Finding, ReportTarget, Severity, Suppression } from '../../core/index.ts';
import { compareSeverity, fingerprint } from '../../core/index.ts';
import type { PolicyMetadata, ValidationAction } from './model.ts';
import type { AuditAnnotationValue, Decision } from './validator.ts';

/** `palisade.dev/severity` for Deny; Warn is medium and Audit low; several actions: the most severe. */
export function severityOfActions(actions: readonly ValidationAction[], denySeverity: Severity): Severity {
  const severities = actions.map((action): Severity => (action === 'Deny' ? denySeverity : action === 'Warn' ? 'medium' : 'low'));
  return severities.sort(compareSeverity)[0] ?? denySeverity;
}

/** Lower case, runs of anything else than letters and digits as one `-`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface PolicyFindingInput {
  readonly policy: PolicyMetadata;
  readonly artifact: Artifact;
  /** Where in the artifact: a JSON pointer (Kubernetes objects) or a resolved location. */
  readonly at: ReportTarget;
  readonly decision: Decision;
  readonly severity: Severity;
  /** The binding (or, for Palisade policies, the validation actions) the finding came through. */
  readonly via: string;
  /** Identity of the param object, when the policy took one. */
  readonly param: string | undefined;
  readonly auditAnnotations: readonly AuditAnnotationValue[];
}

/** One policy finding: kind `policy`, rule id and title the policy's name, message the validation's message. */
export function policyFinding(input: PolicyFindingInput): Finding {
  const { policy, artifact, decision } = input;
  const location = artifact.locate(input.at);
  const which = decision.kind === 'violation' ? `validation ${decision.validation.index}` : `error ${decision.pointer}`;
  const evidence = [
    input.via,
    ...(input.param === undefined ? [] : [`param ${input.param}`]),
    ...(decision.kind === 'violation' ? [`reason ${decision.reason}`] : []),
    ...input.auditAnnotations.map((annotation) => `audit ${policy.name}/${annotation.key}: ${annotation.value}`),
  ];
  return {
    ruleId: policy.name,
    slug: slugify(policy.name),
    messageId: decision.kind === 'violation' ? 'violation' : 'error',
    aliases: [],
    kind: 'policy',
    severity: input.severity,
    title: policy.name,
    message: decision.kind === 'violation' ? decision.message : `policy errored: ${decision.message}`,
    location,
    compliance: [...policy.compliance],
    fingerprint: fingerprint([policy.name, location.path, artifact.identity, which, input.via, input.param ?? '']),
    evidence: evidence.join('; '),
    ...waiverFor(policy.name, artifact),
  };
}

/** A waiver the artifact declares (`palisade.dev/ignore: <policy name or slug>`) suppresses the policy's findings on it. */
function waiverFor(name: string, artifact: Artifact): { suppression?: Suppression } {
  const selectors = new Set([name, slugify(name)]);
  const waiver = artifact.waivers?.find((candidate) => selectors.has(candidate.selector));
  return waiver === undefined ? {} : { suppression: { kind: 'inline', reason: waiver.reason, source: artifact.locate(waiver.at) } };
}
