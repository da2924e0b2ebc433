import { Ajv } from 'ajv';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';

/**
 * One ajv instance for schemas that come from the scanned files (CRDs) or from schema folders.
 * Patterns run on RE2 (`re2js`), as in the API server, so a hostile pattern cannot backtrack
 * forever; formats are not checked (the API server checks few, and unknown ones are common);
 * vendor keywords (`x-kubernetes-*`) are ignored.
 */
let shared: Ajv | undefined;

function re2Engine(pattern: string): { test: (text: string) => boolean } {
  const compiled = RE2JS.compile(pattern);
  return { test: (text: string) => compiled.test(text) };
}
re2Engine.code = 'RE2JS.compile';

function ajv(): Ajv {
  shared ??= new Ajv({ allErrors: true, strict: false, verbose: true, validateFormats: false, validateSchema: false, addUsedSchema: false, code: { regExp: re2Engine } });
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
