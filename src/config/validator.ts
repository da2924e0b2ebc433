import { createRequire } from 'node:module';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';

/**
 * The ajv options of every Palisade file format: all errors at once, and `verbose` so messages can
 * name the offending value and the known keys. The validators generated ahead of time
 * (scripts/schema-validators.ts) are compiled with the same options.
 */
export const VALIDATOR_OPTIONS = Object.freeze({ allErrors: true, verbose: true });

/**
 * A validate function: true when the data is valid, else `errors` holds ajv errors. Compiled at run
 * time (`compileValidator`) or generated ahead of time as ajv standalone code (`*.generated.ts`).
 */
export interface SchemaValidator<T> {
  (data: unknown): data is T;
  errors?: ErrorObject[] | null;
}

/**
 * Compiles a JSON Schema with `VALIDATOR_OPTIONS`. Each call has its own Ajv instance, so compiling a
 * schema with an `$id` twice is not an error. Palisade's own formats (configuration, exceptions,
 * baseline) use validators generated ahead of time instead, so that reading them loads no ajv.
 */
export function compileValidator<T>(schema: AnySchemaObject): ValidateFunction<T> {
  // Ajv (about 60 modules) loads on first compilation, not when a module holding a schema is imported.
  const { Ajv }: typeof import('ajv') = createRequire(import.meta.url)('ajv');
  return new Ajv({ ...VALIDATOR_OPTIONS }).compile<T>(schema);
}

/** Compiles on first use only, so importing a module costs no schema compilation (CLI start-up). */
export function lazyValidator<T>(schema: AnySchemaObject): () => ValidateFunction<T> {
  let compiled: ValidateFunction<T> | undefined;
  return () => {
    compiled ??= compileValidator<T>(schema);
    return compiled;
  };
}
