import type { Finding, ScanError } from '../core/index.ts';
import { PalisadeError, createSourceDocument } from '../core/index.ts';
import { loadManifests } from '../kubernetes/load.ts';
import { createKubernetesObjectArtifact } from '../kubernetes/model.ts';
import type { CompiledPalisadePolicy } from '../policy/palisade-policy/index.ts';
import { compilePalisadePolicies, evaluatePalisadePolicies } from '../policy/palisade-policy/index.ts';
import { BUILTIN_AUDIT_POLICIES, BUILTIN_AUDIT_POLICIES_PATH } from './builtin-policies.ts';
import { auditEventModel, readAuditEvents } from './events.ts';

/** The built-in audit policies, compiled (a compile error here is a bug, so it throws). */
export function builtinAuditPolicies(): CompiledPalisadePolicy[] {
  const source = createSourceDocument(BUILTIN_AUDIT_POLICIES_PATH, BUILTIN_AUDIT_POLICIES);
  const loaded = loadManifests(source);
  const compiled = compilePalisadePolicies(loaded.objects.map((object) => createKubernetesObjectArtifact(source, object)));
  const problem = loaded.errors[0] ?? compiled.errors[0];
  if (problem !== undefined) throw new Error(`Built-in audit policy ${problem.path}:${problem.startLine ?? 0}: ${problem.message}`);
  return [...compiled.policies];
}

/** The built-in audit policies, each replaced by a user policy of the same name, and the user's other AuditEvent policies. */
export function auditPolicies(userPolicies: readonly CompiledPalisadePolicy[]): CompiledPalisadePolicy[] {
  const own = userPolicies.filter((policy) => policy.targets.includes('AuditEvent'));
  const names = new Set(own.map((policy) => policy.name));
  return [...builtinAuditPolicies().filter((policy) => !names.has(policy.name)), ...own];
}

export interface AuditLogResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly events: number;
}

/**
 * Every policy that targets AuditEvent (the built-in ones unless a user policy of the same name
 * replaces it) on every event of the log, batch by batch. A request logged at several stages
 * (ResponseStarted, then ResponseComplete) gives one finding per policy, at its first line.
 */
export async function evaluateAuditLog(file: string, displayPath: string, userPolicies: readonly CompiledPalisadePolicy[]): Promise<AuditLogResult> {
  const policies = auditPolicies(userPolicies);
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  let events = 0;
  try {
    for await (const batch of readAuditEvents(file, displayPath)) {
      events += batch.events.length;
      errors.push(...batch.errors);
      const result = evaluatePalisadePolicies(policies, batch.events.map(auditEventModel));
      errors.push(...result.errors);
      result.outcomes.forEach((outcome) => {
        const auditId = outcome.artifact.kind === 'audit-event' ? outcome.artifact.identity.split(' ')[0] : outcome.artifact.identity;
        const key = `${outcome.policy}\u0000${auditId ?? ''}\u0000${outcome.finding.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(outcome.finding);
      });
    }
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError('FILE_UNREADABLE', `Cannot read audit log ${displayPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, position: { path: displayPath } });
  }
  return { findings, errors, events };
}
