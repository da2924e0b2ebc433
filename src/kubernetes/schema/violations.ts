import { parseJsonPointer, toJsonPointer } from '../../core/index.ts';

/** One schema violation of an object, with the JSON pointer of the offending field. */
export type Violation =
  | { readonly kind: 'wrongType'; readonly pointer: string; readonly expected: string }
  /** `pointer` is the object that lacks the field. */
  | { readonly kind: 'missingRequired'; readonly pointer: string; readonly field: string }
  | { readonly kind: 'unknownField'; readonly pointer: string; readonly field: string; readonly known: readonly string[] }
  | { readonly kind: 'invalidEnum'; readonly pointer: string; /** JSON texts of the allowed values. */ readonly allowed: readonly string[] }
  | { readonly kind: 'invalidFormat'; readonly pointer: string; readonly format: string }
  | { readonly kind: 'invalidValue'; readonly pointer: string; readonly detail: string };

/** The parts of an ajv error read here (precompiled and runtime-compiled validators alike). */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string | undefined;
  readonly parentSchema?: unknown;
}

const BRANCHING = new Set(['oneOf', 'anyOf']);

/**
 * Turns ajv errors into violations: one per offending field. A value of the wrong type hides the
 * format and enum errors at the same place; a failed `oneOf`/`anyOf` (IntOrString, Quantity)
 * becomes one violation instead of one per branch.
 */
export function violationsOf(errors: readonly SchemaError[], root: unknown): Violation[] {
  if (errors.length === 0) return [];
  const branching = new Set(errors.filter((error) => BRANCHING.has(error.keyword)).map((error) => error.instancePath));
  const typed = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const result: Violation[] = [];
  const seen = new Set<string>();
  const push = (violation: Violation): void => {
    const key = `${violation.kind} ${violation.pointer} ${'field' in violation ? violation.field : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.push(violation);
  };
  for (const path of branching) {
    const inside = errors.filter((error) => error.instancePath === path || error.instancePath.startsWith(`${path}/`));
    push(branchViolation(path, inside, valueAt(root, path)));
  }
  for (const error of errors) {
    if ([...branching].some((path) => error.instancePath === path || error.instancePath.startsWith(`${path}/`))) continue;
    if (typed.has(error.instancePath) && error.keyword !== 'type') continue;
    const violation = violationOf(error, typed);
    if (violation !== undefined) push(violation);
  }
  return result;
}

function violationOf(error: SchemaError, typed: ReadonlySet<string>): Violation | undefined {
  const pointer = error.instancePath;
  const { params } = error;
  switch (error.keyword) {
    case 'type':
      return { kind: 'wrongType', pointer, expected: typeNames(params['type']) };
    case 'required': {
      const field = String(params['missingProperty'] ?? '');
      return { kind: 'missingRequired', pointer, field };
    }
    case 'additionalProperties': {
      const field = String(params['additionalProperty'] ?? '');
      return { kind: 'unknownField', pointer: `${pointer}${toJsonPointer([field])}`, field, known: declaredProperties(error.parentSchema) };
    }
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'].map((value) => JSON.stringify(value) ?? String(value)) : [];
      return { kind: 'invalidEnum', pointer, allowed };
    }
    case 'format':
      return { kind: 'invalidFormat', pointer, format: String(params['format'] ?? '') };
    default:
      if (typed.has(pointer)) return undefined;
      return { kind: 'invalidValue', pointer, detail: error.message ?? `fails "${error.keyword}"` };
  }
}

function branchViolation(pointer: string, errors: readonly SchemaError[], value: unknown): Violation {
  const format = errors.find((error) => error.keyword === 'format' && error.instancePath === pointer);
  if (format !== undefined && typeof value === 'string') return { kind: 'invalidFormat', pointer, format: String(format.params['format'] ?? '') };
  const types = errors.filter((error) => error.keyword === 'type' && error.instancePath === pointer).map((error) => typeNames(error.params['type']));
  if (types.length > 0) return { kind: 'wrongType', pointer, expected: [...new Set(types)].join(' or ') };
  return { kind: 'invalidValue', pointer, detail: 'matches none of the allowed schemas' };
}

function typeNames(type: unknown): string {
  const names = Array.isArray(type) ? type.map(String) : [String(type)];
  return names.join(' or ');
}

function declaredProperties(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties: unknown = Reflect.get(schema, 'properties');
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

/** The value at a JSON pointer (undefined when absent). */
export function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of parseJsonPointer(pointer)) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}
