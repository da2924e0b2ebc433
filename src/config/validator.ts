import { createRequire } from 'node:module';
import type { AnySchemaObject, ValidateFunction } from 'ajv';

/**
 * Compiles a JSON Schema with the options every Palisade file format uses: all errors at once, and
 * `verbose` so messages can name the offending value and the known keys. Each call has its own Ajv
 * instance, so compiling a schema with an `$id` twice is not an error.
 */
export function compileValidator<T>(schema: AnySchemaObject): ValidateFunction<T> {
  // Ajv (about 60 modules) loads on first compilation, not when a module holding a schema is imported.
  const { Ajv }: typeof import('ajv') = createRequire(import.meta.url)('ajv');
  return new Ajv({ allErrors: true, verbose: true }).compile<T>(schema);
}

/** Compiles on first use only, so importing a module costs no schema compilation (CLI start-up). */
export function lazyValidator<T>(schema: AnySchemaObject): () => ValidateFunction<T> {
  let compiled: ValidateFunction<T> | undefined;
  return () => {
    compiled ??= compileValidator<T>(schema);
    return compiled;
  };
}
