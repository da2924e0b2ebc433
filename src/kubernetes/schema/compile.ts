import { createRequire } from 'node:module';
import type { Ajv, AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import type { RE2JS } from 're2js';

/**
 * One ajv instance for schemas that come from the scanned files (CRDs) or from schema folders.
 * Patterns run on RE2 (`re2js`), as in the API server, so a hostile pattern cannot backtrack
 * forever; formats are not checked (the API server checks few, and unknown ones are common);
 * vendor keywords (`x-kubernetes-*`) are ignored.
 */
let shared: Ajv | undefined;
/**
 * ajv and re2js load on first use (about 85 and 27 ms of CPU uncached): a scan whose objects are
 * all of built-in kinds (the precompiled validators of builtin.ts) compiles no schema at all.
 */
const require = createRequire(import.meta.url);
let re2: typeof RE2JS | undefined;

function re2Engine(pattern: string): { test: (text: string) => boolean } {
  re2 ??= loadRe2();
  const compiled = re2.compile(pattern);
  return { test: (text: string) => compiled.test(text) };
}
re2Engine.code = 'RE2JS.compile';

function loadRe2(): typeof RE2JS {
  const loaded: typeof import('re2js') = require('re2js');
  return loaded.RE2JS;
}

function ajv(): Ajv {
  if (shared !== undefined) return shared;
  const { Ajv: AjvClass }: typeof import('ajv') = require('ajv');
  shared = new AjvClass({ allErrors: true, strict: false, verbose: true, validateFormats: false, validateSchema: false, addUsedSchema: false, code: { regExp: re2Engine } });
  return shared;
}

export type CompiledSchema = { readonly ok: true; readonly validate: ValidateFunction } | { readonly ok: false; readonly reason: string };

/** Compiles a JSON schema (already in ajv's dialect); a schema ajv refuses is a reason, not a throw. */
export function compileSchema(schema: AnySchema): CompiledSchema {
  try {
    return { ok: true, validate: ajv().compile(schema) };
  } catch (error) {
    return { ok: false, reason: firstLine(error instanceof Error ? error.message : String(error)) };
  }
}

export function errorsOf(validate: ValidateFunction, data: unknown): readonly ErrorObject[] {
  return validate(data) ? [] : (validate.errors ?? []);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? text;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
