/**
 * Conversions between JSON/YAML data and CEL values.
 *
 * JSON and YAML numbers arrive as JS numbers, which CEL engines read as `double`; Kubernetes reads
 * integral numbers as `int` (DEPENDENCIES.md trap 11). `toCelValue` turns integral numbers inside
 * the int64 range into BigInt, recursively.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** JSON/YAML data → CEL values: integral numbers → BigInt (Kubernetes ints), nested; leaves strings/bools. */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return numberToCel(value);
  if (Array.isArray(value)) return value.map(toCelValue);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  // for…in with hasOwn visits what Object.entries lists, in its order, without an array per entry (admission converts every object).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item !== undefined) out[key] = toCelValue(item);
  }
  return out;
}

function numberToCel(value: number): unknown {
  if (!Number.isInteger(value)) return value;
  const big = BigInt(value);
  return big < INT64_MIN || big > INT64_MAX ? value : big;
}

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** CEL value → plain JSON (BigInt → number when safe), for messages and tests. */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return bigintToJson(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Map) return mapToJson(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (isPlainObject(value)) return objectToJson(value);
  return objectToString(value);
}

function bigintToJson(value: bigint): number | string {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}

function mapToJson(value: ReadonlyMap<unknown, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of value) out[String(fromCelValue(key))] = fromCelValue(item);
  return out;
}

function objectToJson(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = fromCelValue(item);
  return out;
}

/** Custom CEL types (Quantity, URL, IP, CIDR, Semver, optional …) print through their own `toString`. */
function objectToString(value: object): unknown {
  if ('hasValue' in value && typeof value.hasValue === 'function' && 'value' in value) {
    return optionalToJson(value);
  }
  return String(value);
}

function optionalToJson(value: object): unknown {
  if (!('hasValue' in value) || typeof value.hasValue !== 'function') return null;
  if (value.hasValue() !== true) return null;
  if (!('value' in value) || typeof value.value !== 'function') return null;
  const inner: unknown = value.value();
  return fromCelValue(inner);
}
