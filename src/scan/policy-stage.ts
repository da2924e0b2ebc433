import type { Artifact, Finding, ScanError } from '../core/index.ts';
import type { KubernetesObjectArtifact } from '../kubernetes/index.ts';
import type { TargetModel } from '../policy/index.ts';
import { loadPolicyFiles, scanWithPolicies } from '../policy/index.ts';

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

/**
 * CEL policies: ValidatingAdmissionPolicies (with bindings and params) on the Kubernetes objects,
 * Palisade Policies on Dockerfiles, inventories and image configs. A policy that does not compile is
 * an error entry; the other policies still run.
 */
export function runPolicyStage(input: PolicyStageInput): PolicyStageResult {
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
