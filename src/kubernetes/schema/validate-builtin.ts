import type { JsonObject } from '../json.ts';
import type { BuiltinValidator } from './builtin.ts';
import { builtinValidator } from './builtin.ts';
import { FieldShapes } from './shapes.ts';
import type { UnknownField } from './strict.ts';
import { traceFields, unknownFields } from './strict.ts';
import type { Violation } from './violations.ts';
import { violationsOf } from './violations.ts';

/** At most this many violations are reported per object (hostile or generated input). */
export const MAX_VIOLATIONS = 50;

/**
 * Properties the bundled schema lacks because the package's generator drops every property named
 * `description` (PriorityClass, printer columns, JSONSchemaProps …) and the `x-kubernetes-*`
 * extensions of a CRD's JSONSchemaProps: never reported as unknown.
 */
const SCHEMA_EXTENSIONS = new Set([
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);

/**
 * Validates a built-in object against the bundled schema, strictly: type, required, enum and
 * format errors from the schema, plus fields the schema does not declare. Undefined when the
 * apiVersion+kind has no bundled schema.
 */
export function validateBuiltin(object: JsonObject, apiVersion: string, kind: string): Violation[] | undefined {
  const validate = builtinValidator(apiVersion, kind);
  if (validate === undefined) return undefined;
  const { errors, fields } = checked(object, validate, apiVersion.startsWith('apiextensions.k8s.io/') ? isSchemaOnlyInCrd : isDescription);
  if (errors === undefined && fields.length === 0) return [];
  const violations = violationsOf(errors ?? [], object);
  const unknown = fields.map((field): Violation => ({ kind: 'unknownField', pointer: field.pointer, field: field.field, known: field.known }));
  return [...violations, ...unknown].slice(0, MAX_VIOLATIONS);
}

const isDescription = (field: string): boolean => field === 'description';
const isSchemaOnlyInCrd = (field: string): boolean => field === 'description' || SCHEMA_EXTENSIONS.has(field);

const shapesByValidator = new WeakMap<BuiltinValidator, FieldShapes>();

/**
 * The validator's errors and the unknown fields (but those `ignored` says the schema only lacks, so
 * that they do not use up the limit). A valid object whose places the validator's
 * earlier runs taught is checked against the learned shapes; any other is validated again on the
 * read-tracking view (same answer, slower: a Proxy trap per property read), which teaches the shapes.
 */
function checked(object: JsonObject, validate: BuiltinValidator, ignored: (field: string) => boolean): { readonly errors: ReturnType<BuiltinValidator>; readonly fields: UnknownField[] } {
  let shapes = shapesByValidator.get(validate);
  if (shapes === undefined) {
    shapes = new FieldShapes();
    shapesByValidator.set(validate, shapes);
  }
  if (validate(object) === undefined) {
    const fields = shapes.unknownFields(object, MAX_VIOLATIONS, ignored);
    if (fields !== undefined) return { errors: undefined, fields };
  }
  const { result: errors, trace } = traceFields(object, validate);
  if (errors === undefined) shapes.learn(object, trace);
  return { errors, fields: unknownFields(object, trace, MAX_VIOLATIONS, ignored) };
}
