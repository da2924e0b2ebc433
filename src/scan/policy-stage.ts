import type { Artifact, Finding, ScanError } from '../core/index.ts';
import { isArtifactOf } from '../core/index.ts';
import type { KubernetesObjectArtifact } from '../kubernetes/index.ts';
import { PALISADE_POLICY_API_VERSION, PALISADE_POLICY_KIND } from '../policy/palisade-policy/model.ts';
import type { TargetModel } from '../policy/index.ts';
import { ADMISSION_API_VERSIONS, VAP_BINDING_KIND, VAP_KIND } from '../policy/vap/model.ts';

export interface PolicyStageInput {
  /** Policy folders and files (`policies` in the configuration, `--policy`). */
  readonly paths: readonly string[];
  /** Every artifact the scan kept: Kubernetes objects (policies in the tree count too), Dockerfiles, inventories, image configs. */
  readonly artifacts: readonly Artifact[];
  /** For the PackageInventory model's `vulnerabilities`. */
  readonly vulnerabilityFindings: readonly Finding[];
  /** The scan root: policy files inside it are named relative to it, as findings are. */
  readonly root: string;
  /** Models the target gave directly (an image's config, an SBOM document). */
  readonly models: readonly TargetModel[];
}

export interface PolicyStageResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
}

/** A ValidatingAdmissionPolicy, its binding or a Palisade Policy: the objects the policy area compiles. */
function isPolicyObject(artifact: Artifact): boolean {
  if (!isArtifactOf<KubernetesObjectArtifact>(artifact, 'kubernetes-object')) return false;
  const { ref } = artifact;
  if (ADMISSION_API_VERSIONS.has(ref.apiVersion)) return ref.kind === VAP_KIND || ref.kind === VAP_BINDING_KIND;
  return ref.apiVersion === PALISADE_POLICY_API_VERSION && ref.kind === PALISADE_POLICY_KIND;
}

/**
 * CEL policies: ValidatingAdmissionPolicies (with bindings and params) on the Kubernetes objects,
 * Palisade Policies on Dockerfiles, inventories and image configs. A policy that does not compile is
 * an error entry; the other policies still run. Without policy files and policy objects in the tree
 * there is nothing to evaluate, and the policy area (the CEL engine) is not loaded.
 */
export async function runPolicyStage(input: PolicyStageInput): Promise<PolicyStageResult> {
  if (input.paths.length === 0 && !input.artifacts.some(isPolicyObject)) return { findings: [], errors: [] };
  const { loadPolicyFiles, scanWithPolicies } = await import('../policy/index.ts');
  const policyArtifacts: KubernetesObjectArtifact[] = [];
  const errors: ScanError[] = [];
  for (const path of input.paths) {
    const loaded = loadPolicyFiles(path);
    policyArtifacts.push(...loaded.artifacts);
    errors.push(...loaded.errors);
  }
  const result = scanWithPolicies({ policyArtifacts, artifacts: input.artifacts, vulnerabilityFindings: input.vulnerabilityFindings, models: input.models });
  const shown = (error: ScanError): ScanError => (error.path.startsWith(`${input.root}/`) ? { ...error, path: error.path.slice(input.root.length + 1) } : error);
  return { findings: [...result.findings], errors: [...errors, ...result.errors].map(shown) };
}
