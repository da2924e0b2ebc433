/**
 * Runs the proto-free tests of the cel-spec conformance suite (as shipped, in JSON form, by
 * `@bufbuild/cel-spec`) against `compileCel`. Used by conformance.test.ts; kept apart so a script
 * can print the per-section table.
 */
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { compileCel } from './engine.ts';
import type { CelType } from './engine.ts';
import { isPlainObject } from './values.ts';

export interface SectionResult {
  readonly section: string;
  readonly passed: number;
  readonly total: number;
  readonly failures: readonly string[];
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

interface SerializedSuite {
  readonly name: string;
  readonly suites?: readonly SerializedSuite[];
  readonly tests?: readonly { readonly original: Readonly<Record<string, unknown>> }[];
}

const PROTO_MARKERS = ['objectValue', '"@type"', 'messageType', '"container"', 'TestAllTypes', 'google.protobuf', 'cel.expr.', 'NestedEnum', 'GlobalEnum', 'proto2', 'proto3'];

/** Tests that need protobuf messages, containers or type-check-only runs are left out. */
export function isProtoFree(original: Readonly<Record<string, unknown>>): boolean {
  const text = JSON.stringify(original);
  if (original['checkOnly'] === true) return false;
  return !PROTO_MARKERS.some((marker) => text.includes(marker));
}

export function runConformance(root: SerializedSuite): SectionResult[] {
  return (root.suites ?? []).map((section) => runSection(section));
}

function runSection(section: SerializedSuite): SectionResult {
  let passed = 0;
  let total = 0;
  const failures: string[] = [];
  const visit = (suite: SerializedSuite, path: string): void => {
    for (const test of suite.tests ?? []) {
      if (!isProtoFree(test.original)) continue;
      total += 1;
      const name = `${path}/${String(test.original['name'])}`;
      if (runTest(test.original)) passed += 1;
      else failures.push(name);
    }
    for (const child of suite.suites ?? []) visit(child, `${path}/${child.name}`);
  };
  visit(section, section.name);
  return { section: section.name, passed, total, failures };
}

function runTest(original: Readonly<Record<string, unknown>>): boolean {
  const expr = original['expr'];
  if (typeof expr !== 'string') return false;
  const variables: Record<string, CelType> = {};
  const bindings: Record<string, unknown> = {};
  for (const entry of asArray(original['typeEnv'])) {
    if (isPlainObject(entry) && typeof entry['name'] === 'string') variables[entry['name']] = 'dyn';
  }
  const rawBindings = original['bindings'];
  if (isPlainObject(rawBindings)) {
    for (const [name, binding] of Object.entries(rawBindings)) {
      variables[name] = 'dyn';
      const value = isPlainObject(binding) ? binding['value'] : undefined;
      const converted = fromExprValue(value);
      if (converted === UNSUPPORTED) return false;
      bindings[name] = converted;
    }
  }
  const compiled = compileCel(expr, { variables });
  const expectsError = original['evalError'] !== undefined;
  if (!compiled.ok) return expectsError;
  const result = compiled.program.evaluate(bindings);
  if (expectsError) return !result.ok;
  if (!result.ok) return false;
  const typed = original['typedResult'];
  const expectedRaw = isPlainObject(typed) ? typed['result'] : (original['value'] ?? { boolValue: true });
  const expected = fromExprValue(expectedRaw);
  if (expected === UNSUPPORTED) return false;
  return sameValue(result.value, expected);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

const UNSUPPORTED = Symbol('unsupported');

class TypeName {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** The JSON form of `cel.expr.Value` → the value cel-js produces. */
function fromExprValue(value: unknown): unknown {
  if (!isPlainObject(value)) return UNSUPPORTED;
  const [entry] = Object.entries(value);
  if (entry === undefined) return UNSUPPORTED;
  const [kind, raw] = entry;
  switch (kind) {
    case 'int64Value':
      return BigInt(String(raw));
    case 'uint64Value':
      return new UnsignedInt(BigInt(String(raw)));
    case 'doubleValue':
      return Number(raw);
    case 'stringValue':
    case 'boolValue':
      return raw;
    case 'nullValue':
      return null;
    case 'bytesValue':
      return Uint8Array.from(Buffer.from(String(raw), 'base64'));
    case 'typeValue':
      return new TypeName(String(raw));
    case 'listValue':
      return listFromJson(raw);
    case 'mapValue':
      return mapFromJson(raw);
    default:
      return UNSUPPORTED;
  }
}

function listFromJson(raw: unknown): unknown {
  const values = isPlainObject(raw) ? asArray(raw['values']) : [];
  const items = values.map(fromExprValue);
  return items.includes(UNSUPPORTED) ? UNSUPPORTED : items;
}

function mapFromJson(raw: unknown): unknown {
  const entries = isPlainObject(raw) ? asArray(raw['entries']) : [];
  const map = new Map<unknown, unknown>();
  for (const entry of entries) {
    if (!isPlainObject(entry)) return UNSUPPORTED;
    const key = fromExprValue(entry['key']);
    const item = fromExprValue(entry['value']);
    if (key === UNSUPPORTED || item === UNSUPPORTED) return UNSUPPORTED;
    map.set(key, item);
  }
  return map;
}

/** Same CEL type and equal value (NaN equals NaN here; maps by entries in any order). */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected instanceof TypeName) return typeNameOf(actual) === expected.name;
  if (expected instanceof UnsignedInt) return actual instanceof UnsignedInt && actual.valueOf() === expected.valueOf();
  if (typeof expected === 'number') return typeof actual === 'number' && (Object.is(actual, expected) || actual === expected);
  if (expected instanceof Uint8Array) return actual instanceof Uint8Array && Buffer.from(actual).equals(Buffer.from(expected));
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => sameValue(actual[i], item));
  }
  if (expected instanceof Map) return sameMap(actual, expected);
  return actual === expected;
}

function sameMap(actual: unknown, expected: ReadonlyMap<unknown, unknown>): boolean {
  const entries = actual instanceof Map ? [...actual] : isPlainObject(actual) ? Object.entries(actual) : undefined;
  if (entries === undefined || entries.length !== expected.size) return false;
  return [...expected].every(([key, value]) => entries.some(([k, v]) => sameValue(k, key) && sameValue(v, value)));
}

function typeNameOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('name' in value)) return undefined;
  return typeof value.name === 'string' ? value.name : undefined;
}

export type { Json };
