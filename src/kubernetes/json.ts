/** A value as it appears in a Kubernetes object once decoded (JSON's data model). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

export interface JsonObject {
  readonly [key: string]: JsonValue | undefined;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isJsonArray(value: JsonValue | undefined): value is readonly JsonValue[] {
  return Array.isArray(value);
}

/** The object at `key`, or undefined when absent or not an object. */
/** Every node of a JSON value, the value itself included. */
export function countJsonNodes(root: JsonValue): number {
  let count = 1;
  const stack: JsonValue[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null) continue;
    const values: readonly JsonValue[] = Array.isArray(node) ? node : Object.values(node).filter((value) => value !== undefined);
    count += values.length;
    stack.push(...values);
  }
  return count;
}

export function objectAt(parent: JsonObject, key: string): JsonObject | undefined {
  const value = parent[key];
  return isJsonObject(value) ? value : undefined;
}

/** The array at `key`, or an empty array when absent or not an array. */
export function arrayAt(parent: JsonObject, key: string): readonly JsonValue[] {
  const value = parent[key];
  return isJsonArray(value) ? value : [];
}

/** The string at `key`, or undefined when absent or not a string. */
export function stringAt(parent: JsonObject, key: string): string | undefined {
  const value = parent[key];
  return typeof value === 'string' ? value : undefined;
}

/** Follows object keys from `root`; undefined as soon as one is missing or not an object. */
export function objectPath(root: JsonObject, keys: readonly string[]): JsonObject | undefined {
  let current: JsonObject | undefined = root;
  for (const key of keys) {
    if (current === undefined) return undefined;
    current = objectAt(current, key);
  }
  return current;
}

/**
 * Turns what the YAML library returns into JSON's data model, the way Kubernetes decodes YAML:
 * sets become arrays, ordered maps objects, binary data a Latin-1 string, anything else
 * (functions, symbols, bigints) its string form. Shared references (YAML aliases) stay shared,
 * so an aliased subtree is converted once; a cycle becomes null.
 */
export function toJsonValue(value: unknown): JsonValue {
  return new JsonConverter().convert(value);
}

/**
 * Values nested deeper than this are refused (a RangeError): chains of YAML aliases can build
 * them from a shallow document, and every later recursive walk would risk the stack.
 */
export const MAX_VALUE_DEPTH = 512;

interface Converted {
  readonly value: JsonValue;
  /** Levels of objects and arrays in the value (0 for a scalar). */
  readonly height: number;
}

class JsonConverter {
  readonly #done = new Map<object, Converted>();
  /** Objects on the current path, for cycle detection. */
  readonly #path = new Set<object>();

  convert(value: unknown): JsonValue {
    return this.#convert(value, 0).value;
  }

  /** `depth`: objects and arrays above `value`. A shared subtree is reused, but its height still counts. */
  #convert(value: unknown, depth: number): Converted {
    if (value === null || value === undefined) return { value: null, height: 0 };
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return { value, height: 0 };
    if (typeof value !== 'object') return { value: String(value), height: 0 };
    if (this.#path.has(value)) return { value: null, height: 0 };
    let converted = this.#done.get(value);
    if (converted === undefined) {
      converted = this.#convertObject(value, depth);
      this.#done.set(value, converted);
    }
    if (depth + converted.height > MAX_VALUE_DEPTH) throw tooDeep();
    return converted;
  }

  #convertObject(value: object, depth: number): Converted {
    if (value instanceof Uint8Array) return { value: Buffer.from(value).toString('latin1'), height: 0 };
    if (value instanceof Date) return { value: value.toISOString(), height: 0 };
    if (depth >= MAX_VALUE_DEPTH) throw tooDeep();
    this.#path.add(value);
    let height = 0;
    const child = (item: unknown): JsonValue => {
      const converted = this.#convert(item, depth + 1);
      height = Math.max(height, converted.height);
      return converted.value;
    };
    const result = Array.isArray(value) || value instanceof Set ? Array.from(value, child) : this.#fromEntries(value instanceof Map ? value.entries() : Object.entries(value), child);
    this.#path.delete(value);
    return { value: result, height: height + 1 };
  }

  #fromEntries(entries: Iterable<[unknown, unknown]>, child: (item: unknown) => JsonValue): JsonObject {
    const result: Record<string, JsonValue> = {};
    for (const [key, item] of entries) {
      // defineProperty, not assignment: a `__proto__` key must stay data, not replace the prototype.
      Object.defineProperty(result, String(key), { value: child(item), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
}

function tooDeep(): RangeError {
  return new RangeError(`Value nests deeper than ${MAX_VALUE_DEPTH} levels`);
}
