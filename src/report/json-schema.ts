import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** Where the JSON report's schema lives (shipped in the package's `schemas/` folder). */
export const REPORT_SCHEMA_URL = new URL('../../schemas/report.schema.json', import.meta.url);

/** The schema's `$id`: the published address of the 1.x report schema. */
export const REPORT_SCHEMA_ID = 'https://palisade.dev/schemas/report-1.json';

let compiled: ValidateFunction | undefined;

/** Reads the report schema (draft-07) as parsed JSON. */
export function loadReportSchema(): unknown {
  return JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8'));
}

/**
 * Validates a parsed JSON report against schemas/report.schema.json. Returns one line per problem
 * (`/findings/0/fingerprint must match pattern "^[0-9a-f]{32}$"`); an empty list means valid.
 */
export function validateReport(json: unknown): string[] {
  compiled ??= compile();
  if (compiled(json)) return [];
  return (compiled.errors ?? []).map(describeError);
}

function compile(): ValidateFunction {
  const schema = loadReportSchema();
  if (typeof schema !== 'object' || schema === null) throw new Error(`Invariant failed: ${REPORT_SCHEMA_URL.href} is not a JSON object`);
  // Ajv loads on first use: `palisade scan` imports the reporters, and validating a report is rare.
  const { Ajv }: typeof import('ajv') = createRequire(import.meta.url)('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(schema);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` (${JSON.stringify(error.params['additionalProperty'])})` : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
}
