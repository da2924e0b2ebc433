import { existsSync } from 'node:fs';
import { PalisadeError } from '../core/index.ts';
import { evaluateAuditLog } from '../audit/index.ts';
import { compilePalisadePolicies, loadPolicyFiles } from '../policy/index.ts';
import type { CollectedTarget } from './image-target.ts';
import type { ScanSettings } from './settings.ts';
import { displayPath } from './settings.ts';

/**
 * A Kubernetes audit log (`audit:<file>`): every event through the built-in audit policies and the
 * user's Palisade policies that target AuditEvent (`--policy`, `policies:`); a user policy of the same
 * name replaces a built-in one. The log is streamed in batches, so its size does not matter.
 */
export async function collectFromAuditLog(file: string, settings: ScanSettings): Promise<CollectedTarget> {
  if (!existsSync(file)) throw new PalisadeError('TARGET_NOT_FOUND', `Audit log "${file}" does not exist or cannot be read`);
  const loaded = settings.policyPaths.map((path) => loadPolicyFiles(path));
  const compiled = compilePalisadePolicies(loaded.flatMap((files) => files.artifacts));
  const result = await evaluateAuditLog(file, displayPath(settings.root, file), compiled.policies);
  return {
    findings: result.findings,
    // Policy files that do not load or compile are reported once, by the policy stage.
    errors: result.errors,
    filesScanned: 1,
    notes: new Map(),
    notices: [],
    collected: [],
    models: [],
  };
}
