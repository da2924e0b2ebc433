import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';

/** JSON Schema keywords kept from a CRD's OpenAPI v3 schema; descriptions and vendor keys are dropped. */
const KEPT = new Set([
  'type', 'enum', 'format', 'pattern', 'required', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties',
]);
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * Converts a CRD's structural schema (OpenAPI v3 with Kubernetes extensions) into a draft-07
 * schema ajv runs, with the API server's meaning:
 * - an object with `properties` rejects other fields (the server prunes them; `kubectl` strict
 *   field validation rejects them) unless `x-kubernetes-preserve-unknown-fields` is set;
 * - `x-kubernetes-int-or-string` accepts an integer or a string;
 * - `nullable: true` accepts null;
 * - `x-kubernetes-embedded-resource` allows `apiVersion`, `kind` and `metadata`;
 * - OpenAPI's boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07 numbers.
 * The root also allows `apiVersion`, `kind` and `metadata`, which the server validates itself.
 */
export function toDraft07(schema: JsonObject): Record<string, unknown> {
  const converted = convert(schema, 0);
  return withObjectMeta(converted);
}

/** Deeper schemas are cut (left open); the loader already refuses documents nested beyond 256 levels. */
const MAX_DEPTH = 300;

function convert(node: JsonObject, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key) && value !== undefined) out[key] = value;
  }
  convertChildren(node, out, depth);
  convertBounds(node, out);
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out['type'];
    if (out['anyOf'] === undefined) out['type'] = ['integer', 'string'];
  }
  if (node['nullable'] === true) allowNull(out);
  if (node['x-kubernetes-embedded-resource'] === true) Object.assign(out, withObjectMeta(out));
  if (out['properties'] !== undefined && out['additionalProperties'] === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out['additionalProperties'] = false;
  }
  return out;
}

function convertChildren(node: JsonObject, out: Record<string, unknown>, depth: number): void {
  const properties = node['properties'];
  if (isJsonObject(properties)) {
    const converted: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(properties)) {
      if (isJsonObject(child)) converted[name] = convert(child, depth + 1);
    }
    out['properties'] = converted;
  }
  const additional = node['additionalProperties'];
  if (typeof additional === 'boolean') out['additionalProperties'] = additional;
  if (isJsonObject(additional)) out['additionalProperties'] = convert(additional, depth + 1);
  const items = node['items'];
  if (isJsonObject(items)) out['items'] = convert(items, depth + 1);
  const not = node['not'];
  if (isJsonObject(not)) out['not'] = convert(not, depth + 1);
  for (const list of SUBSCHEMA_LISTS) {
    const value = node[list];
    if (Array.isArray(value)) out[list] = value.filter(isSchema).map((child) => convert(child, depth + 1));
  }
}

function isSchema(value: JsonValue): value is JsonObject {
  return isJsonObject(value);
}

function convertBounds(node: JsonObject, out: Record<string, unknown>): void {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const flag = node[exclusive];
    if (typeof flag === 'number') out[exclusive] = flag;
    if (flag === true && typeof node[bound] === 'number') {
      out[exclusive] = node[bound];
      delete out[bound];
    }
  }
}

function allowNull(out: Record<string, unknown>): void {
  const type = out['type'];
  if (typeof type === 'string') out['type'] = [type, 'null'];
  else if (Array.isArray(type)) out['type'] = [...type, 'null'];
  const values = out['enum'];
  if (Array.isArray(values)) out['enum'] = [...values, null];
}

function withObjectMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema['properties'];
  if (typeof properties !== 'object' || properties === null) return schema;
  return {
    ...schema,
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...properties },
  };
}
