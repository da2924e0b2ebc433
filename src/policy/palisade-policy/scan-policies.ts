import type { Artifact, Finding, ScanError } from '../../core/index.ts';
import { isArtifactOf } from '../../core/index.ts';
import type { DockerfileArtifact } from '../../dockerfile/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import type { PackageInventoryArtifact } from '../../packages/index.ts';
import type { PublishedAuditAnnotation } from '../vap/index.ts';
import { compileAdmissionPolicies, evaluatePolicies } from '../vap/index.ts';
import { compilePalisadePolicies } from './compile.ts';
import { dockerfileModel } from './dockerfile-model.ts';
import { evaluatePalisadePolicies } from './evaluate.ts';
import { packageInventoryModel, vulnerabilitiesOf } from './inventory-model.ts';
import type { TargetModel } from './model.ts';

export interface PolicyScanInput {
  /** The objects of the `--policy` folders (`loadPolicyFiles` of each): policies, bindings, params, CRDs, Namespaces. */
  readonly policyArtifacts: readonly KubernetesObjectArtifact[];
  /** Every artifact of the scan: Kubernetes objects (policies among them count too), Dockerfiles, inventories. */
  readonly artifacts: readonly Artifact[];
  /** The scan's vulnerability findings, for the PackageInventory model's `vulnerabilities`. */
  readonly vulnerabilityFindings?: readonly Finding[];
  /** Models the caller built itself (ImageConfig, SBOM). */
  readonly models?: readonly TargetModel[];
}

export interface PolicyScanResult {
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly auditAnnotations: readonly PublishedAuditAnnotation[];
}

/**
 * Everything a scan does with policies, in one call: compiles the ValidatingAdmissionPolicies,
 * bindings and Palisade policies of the policy folders and of the scanned tree (once), evaluates the
 * admission policies on the scanned Kubernetes objects and the Palisade policies on the models of the
 * scanned Dockerfiles and package inventories (plus `models`).
 */
export function scanWithPolicies(input: PolicyScanInput): PolicyScanResult {
  const scanned = input.artifacts.filter((artifact): artifact is KubernetesObjectArtifact => isArtifactOf<KubernetesObjectArtifact>(artifact, 'kubernetes-object'));
  const sources = [...input.policyArtifacts, ...scanned];
  const admission = compileAdmissionPolicies(sources);
  const palisade = compilePalisadePolicies(sources);
  const evaluated = admission.policies.length === 0 ? undefined : evaluatePolicies(admission.policies, admission.bindings, sources, scanned, sources);
  // Models are built only when there is a Palisade policy to evaluate on them.
  const checked = palisade.policies.length === 0 ? undefined : evaluatePalisadePolicies(palisade.policies, [...modelsOf(input.artifacts, input.vulnerabilityFindings ?? []), ...(input.models ?? [])]);
  return {
    findings: [...(evaluated?.findings ?? []), ...(checked?.findings ?? [])],
    errors: [...admission.errors, ...palisade.errors, ...(evaluated?.errors ?? []), ...(checked?.errors ?? [])],
    auditAnnotations: evaluated?.auditAnnotations ?? [],
  };
}

function modelsOf(artifacts: readonly Artifact[], vulnerabilityFindings: readonly Finding[]): TargetModel[] {
  return artifacts.flatMap((artifact) => {
    if (isArtifactOf<PackageInventoryArtifact>(artifact, 'package-inventory')) return [packageInventoryModel(artifact, vulnerabilitiesOf(artifact, vulnerabilityFindings))];
    if (isArtifactOf<DockerfileArtifact>(artifact, 'dockerfile') && 'variant' in artifact && artifact.variant === 'dockerfile' && 'stages' in artifact) return [dockerfileModel(artifact)];
    return [];
  });
}
