// Reading one OSV record from JSON text: syntax errors with line and column, shape errors with the
// record id and the field path, unknown ecosystems counted (kept), withdrawn records kept.
import type { Result } from '../../core/index.ts';
import { LineIndex, PalisadeError, err, ok } from '../../core/index.ts';
import { schemeIdFor } from '../versioning/index.ts';
import type { OsvRecord } from '../osv.ts';
import { locateJsonError } from './json-error.ts';
import { baseEcosystem } from './names.ts';
import { osvShapeProblem, isOsvRecord } from './record-shape.ts';
import { canonicalTimestamp } from './timestamp.ts';

/** Records larger than this are refused (OSV's largest real records are a few MiB). */
export const MAX_ADVISORY_BYTES = 32 * 1024 * 1024;

export interface ParsedAdvisory {
  readonly record: OsvRecord;
  /** `modified` in the sortable UTC form of canonicalTimestamp. */
  readonly modified: string;
  /** Bare ecosystems of `affected[]` packages Palisade has no version ordering for (kept, not matched). */
  readonly unknownEcosystems: readonly string[];
  /** The record as compact JSON, as the store keeps it. */
  readonly json: string;
}

export interface ParseOptions {
  readonly maxBytes?: number;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function syntaxError(text: string, path: string): PalisadeError {
  const problem = locateJsonError(text) ?? { offset: text.length, reason: 'not valid JSON' };
  const { line, column } = new LineIndex(text).positionAt(problem.offset);
  return new PalisadeError('ADVISORY_INVALID', `${path}:${line}:${column}: invalid JSON: ${problem.reason}`, { position: { path, line, column } });
}

function unknownEcosystemsOf(record: OsvRecord): string[] {
  const unknown = new Set<string>();
  for (const affected of record.affected ?? []) {
    const ecosystem = affected.package?.ecosystem;
    if (ecosystem !== undefined && schemeIdFor(ecosystem) === undefined) unknown.add(baseEcosystem(ecosystem));
  }
  return [...unknown].sort();
}

function isMutableObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dropNulls(value: unknown): void {
  if (!isMutableObject(value)) return;
  for (const [key, field] of Object.entries(value)) if (field === null) delete value[key];
}

/**
 * Feeds written by Go (`omitempty` missing) say `"aliases": null` for an absent list; the OSV types
 * say absent, so null fields are removed from the record, its affected entries, packages and ranges.
 */
function dropNullFields(value: unknown): void {
  dropNulls(value);
  if (!isMutableObject(value) || !Array.isArray(value['affected'])) return;
  for (const affected of value['affected']) {
    dropNulls(affected);
    if (!isMutableObject(affected)) continue;
    dropNulls(affected['package']);
    if (Array.isArray(affected['ranges'])) for (const range of affected['ranges']) dropNulls(range);
  }
}

function compactJson(value: OsvRecord, path: string): Result<string, PalisadeError> {
  try {
    return ok(JSON.stringify(value));
  } catch (error) {
    return err(new PalisadeError('ADVISORY_INVALID', `${path}: advisory ${value.id}: cannot be stored (${error instanceof Error ? error.message : String(error)})`, { cause: error, position: { path } }));
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('id' in value)) return undefined;
  return typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
}

/** Parses and checks one OSV record; `path` names it in errors (a file, or `archive.zip!/entry.json`). */
export function parseOsvRecord(text: string, path: string, options: ParseOptions = {}): Result<ParsedAdvisory, PalisadeError> {
  const limit = options.maxBytes ?? MAX_ADVISORY_BYTES;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) return err(new PalisadeError('FILE_TOO_LARGE', `${path}: the advisory is ${mebibytes(bytes)}; the limit is ${mebibytes(limit)}`, { position: { path } }));
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return err(syntaxError(body, path));
  }
  dropNullFields(value);
  const problem = osvShapeProblem(value);
  if (problem !== undefined || !isOsvRecord(value)) {
    const id = idOf(value);
    const where = problem === undefined || problem.at === '' ? 'the JSON value' : problem.at;
    const what = `${where} ${problem?.message ?? 'must be an object'}`;
    const message = id === undefined ? `${path}: not an OSV advisory: ${what}` : `${path}: advisory ${id}: ${what}`;
    return err(new PalisadeError('ADVISORY_INVALID', message, { position: { path } }));
  }
  const json = compactJson(value, path);
  if (!json.ok) return json;
  const modified = canonicalTimestamp(value.modified) ?? value.modified;
  return ok({ record: value, modified, unknownEcosystems: unknownEcosystemsOf(value), json: json.value });
}
