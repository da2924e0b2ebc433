import type { Finding, Result } from '../core/index.ts';
import { PalisadeError, err, ok } from '../core/index.ts';
import { MAX_REPORTED_ISSUES, describeType, schemaErrorMessage } from '../config/index.ts';
// Precompiled from baselineSchema (scripts/schema-validators.ts): no ajv loads here.
import { validateBaseline } from './gate-validators.generated.ts';

/** The baseline format this version writes and reads. */
export const BASELINE_SCHEMA_VERSION = 1;

/** A loaded baseline: the fingerprints of the findings accepted when it was recorded. */
export interface Baseline {
  readonly path: string;
  readonly createdAt?: string;
  readonly fingerprints: ReadonlySet<string>;
}

const MAX_MESSAGE = 200;

/**
 * Records the findings that count (not suppressed) as a baseline file: their sorted, unique fingerprints,
 * plus a `findings` list (fingerprint, rule, path) for reviewers. Only the fingerprints are read back.
 */
export function createBaseline(findings: readonly Finding[], now: Date): string {
  const byFingerprint = new Map<string, Finding>();
  for (const finding of findings) {
    if (finding.suppression === undefined && !byFingerprint.has(finding.fingerprint)) byFingerprint.set(finding.fingerprint, finding);
  }
  const entries = [...byFingerprint.values()]
    .map((finding) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, path: finding.location.path }))
    .sort((a, b) => compareText(a.path, b.path) || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
  const file = {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    tool: 'palisade',
    createdAt: now.toISOString(),
    fingerprints: [...byFingerprint.keys()].sort(compareText),
    findings: entries,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses a baseline file; anything else is `BASELINE_INVALID` with a message naming the file. */
export function loadBaseline(path: string, text: string): Result<Baseline, PalisadeError> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return err(jsonError(path, error));
  }
  const version = isRecord(data) ? data['schemaVersion'] : undefined;
  if (typeof version === 'number' && version !== BASELINE_SCHEMA_VERSION) {
    const message = `${path}: baseline schemaVersion ${version} is not supported (this version of Palisade reads ${BASELINE_SCHEMA_VERSION}); record the baseline again with \`palisade baseline\``;
    return err(new PalisadeError('BASELINE_INVALID', message, { position: { path } }));
  }
  if (!validateBaseline(data)) {
    const problems = (validateBaseline.errors ?? []).slice(0, MAX_REPORTED_ISSUES).map((error) => `${path}: ${baselineErrorMessage(error.instancePath, error.data, schemaErrorMessage(error))}`);
    return err(new PalisadeError('BASELINE_INVALID', problems.join('\n'), { position: { path } }));
  }
  return ok({ path, ...(data.createdAt === undefined ? {} : { createdAt: data.createdAt }), fingerprints: new Set(data.fingerprints) });
}

/** Marks findings whose fingerprint is in the baseline (already suppressed findings stay as they are). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  return findings.map((finding) => {
    if (finding.suppression !== undefined || !baseline.fingerprints.has(finding.fingerprint)) return finding;
    return { ...finding, suppression: { kind: 'baseline', reason: `in baseline ${baseline.path}` } };
  });
}

function baselineErrorMessage(pointer: string, data: unknown, message: string): string {
  if (pointer === '' && message.startsWith('the file must be')) return `a baseline must be a JSON object (found ${describeType(data)})`;
  return message;
}

function jsonError(path: string, error: unknown): PalisadeError {
  const detail = error instanceof Error ? error.message : String(error);
  const clipped = detail.length > MAX_MESSAGE ? `${detail.slice(0, MAX_MESSAGE - 1)}…` : detail;
  const where = /\(line (\d+) column (\d+)\)/.exec(detail);
  if (where === null) return new PalisadeError('BASELINE_INVALID', `${path}: not valid JSON (${clipped})`, { cause: error, position: { path } });
  const line = Number(where[1]);
  const column = Number(where[2]);
  return new PalisadeError('BASELINE_INVALID', `${path}:${line}:${column}: not valid JSON (${clipped})`, { cause: error, position: { path, line, column } });
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
