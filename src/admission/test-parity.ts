// Test support for the parity tests: the CLI's verdict on one object (`palisade scan` of a file
// holding it) and the webhook's verdict over HTTPS, in the same shape.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../kubernetes/index.ts';
import { runScan } from '../scan/run-scan.ts';
import type { ScanOptions } from '../scan/settings.ts';
import { failingFindings, findingLine } from './decide.ts';
import { admissionDocumentText } from './evaluate-object.ts';
import { httpsRequest, reviewOf } from './test-client.ts';

export interface Verdict {
  readonly allowed: boolean;
  /** What denies (or would, in enforce mode), one line per finding, sorted (findings at one place are ordered by fingerprints, which name the path). */
  readonly failing: readonly string[];
  /** The other unsuppressed findings (the webhook's warnings). */
  readonly others: readonly string[];
}

/** `palisade scan <folder>/object.yaml` (the object as the webhook reads it), with the given scan options. */
export async function cliVerdict(object: JsonObject, folder: string, options: Omit<ScanOptions, 'target'>): Promise<Verdict> {
  const target = join(folder, 'object.yaml');
  writeFileSync(target, admissionDocumentText(object));
  const outcome = await runScan({ ...options, target });
  const { findings, summary } = outcome.report;
  const failing = failingFindings(findings, summary.failOn);
  return {
    allowed: outcome.exitCode === 0,
    failing: failing.map(findingLine).sort(),
    others: findings
      .filter((finding) => finding.suppression === undefined && !failing.includes(finding))
      .map(findingLine)
      .sort(),
  };
}

/** The webhook's answer for a CREATE of `object` (the server must run in enforce mode with a high maxWarnings). */
export async function webhookVerdict(port: number, ca: Buffer, object: JsonObject, namespace: string | undefined): Promise<Verdict> {
  const answer = await httpsRequest(port, ca, 'POST', '/validate', reviewOf(object, namespace === undefined ? {} : { namespace }));
  assert.equal(answer.status, 200, answer.text);
  const parsed: unknown = JSON.parse(answer.text);
  assert.ok(typeof parsed === 'object' && parsed !== null && 'response' in parsed);
  const { response } = parsed;
  assert.ok(typeof response === 'object' && response !== null && 'allowed' in response && typeof response.allowed === 'boolean');
  const message = 'status' in response && typeof response.status === 'object' && response.status !== null && 'message' in response.status && typeof response.status.message === 'string' ? response.status.message : '';
  const warnings = 'warnings' in response && Array.isArray(response.warnings) ? response.warnings.filter((line): line is string => typeof line === 'string') : [];
  return {
    allowed: response.allowed,
    failing: message === '' ? [] : message.split('\n').slice(1).map((line) => line.replace(/^- /, '')).sort(),
    others: [...warnings].sort(),
  };
}

/** The namespace the API server would send: the object's own. */
export function namespaceOfObject(object: JsonObject): string | undefined {
  const metadata = object['metadata'];
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !('namespace' in metadata)) return undefined;
  const { namespace } = metadata;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}
