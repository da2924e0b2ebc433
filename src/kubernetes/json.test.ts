import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_VALUE_DEPTH, arrayAt, isJsonArray, isJsonObject, objectAt, objectPath, stringAt, toJsonValue } from './json.ts';

describe('toJsonValue', () => {
  const cases: readonly { readonly name: string; readonly input: unknown; readonly expected: unknown }[] = [
    { name: 'scalars', input: { a: 'x', b: 1, c: true, d: null }, expected: { a: 'x', b: 1, c: true, d: null } },
    { name: 'undefined becomes null', input: [undefined], expected: [null] },
    { name: 'sets become arrays', input: new Set(['a', 'b']), expected: ['a', 'b'] },
    { name: 'maps become objects with string keys', input: new Map<unknown, unknown>([[1, 'one'], [true, 'yes']]), expected: { 1: 'one', true: 'yes' } },
    { name: 'binary becomes a Latin-1 string', input: new Uint8Array([104, 105]), expected: 'hi' },
    { name: 'dates become ISO strings', input: new Date(Date.UTC(2024, 0, 2)), expected: '2024-01-02T00:00:00.000Z' },
    { name: 'bigints become strings', input: 10n, expected: '10' },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => assert.deepEqual(toJsonValue(input), expected));
  }

  it('keeps a __proto__ key as data', () => {
    const input: unknown = JSON.parse('{"__proto__": {"polluted": true}}');
    const value = toJsonValue(input);
    assert.ok(isJsonObject(value));
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    const probe: Record<string, unknown> = {};
    assert.equal(probe['polluted'], undefined);
  });

  it('converts a shared subtree once and keeps it shared', () => {
    const shared = { k: 1 };
    const value = toJsonValue({ a: shared, b: shared });
    assert.ok(isJsonObject(value));
    assert.equal(value['a'], value['b']);
  });

  it('turns a cycle into null', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.deepEqual(toJsonValue(cyclic), [null]);
  });
});

describe('accessors', () => {
  const object = { spec: { template: { spec: { containers: [{ name: 'web' }] } } }, kind: 'Pod', count: 2 };

  it('read objects, arrays and strings, or nothing when the type differs', () => {
    assert.deepEqual(objectAt(object, 'spec'), object.spec);
    assert.equal(objectAt(object, 'kind'), undefined);
    assert.deepEqual(arrayAt(object.spec.template.spec, 'containers'), [{ name: 'web' }]);
    assert.deepEqual(arrayAt(object, 'kind'), []);
    assert.equal(stringAt(object, 'kind'), 'Pod');
    assert.equal(stringAt(object, 'count'), undefined);
    assert.equal(isJsonArray([]), true);
    assert.equal(isJsonObject([]), false);
    assert.equal(isJsonObject(null), false);
  });

  it('follow a path of objects', () => {
    assert.deepEqual(objectPath(object, ['spec', 'template', 'spec']), object.spec.template.spec);
    assert.equal(objectPath(object, ['spec', 'missing', 'spec']), undefined);
    assert.equal(objectPath(object, ['kind', 'x']), undefined);
    assert.equal(objectPath(object, []), object);
  });
});

describe('toJsonValue depth limit', () => {
  it('refuses a value deeper than MAX_VALUE_DEPTH, also when built from shared subtrees', () => {
    const deep = (levels: number, leaf: unknown): unknown => {
      let value = leaf;
      for (let i = 0; i < levels; i += 1) value = [value];
      return value;
    };
    assert.doesNotThrow(() => toJsonValue(deep(MAX_VALUE_DEPTH, 1)));
    assert.throws(() => toJsonValue(deep(MAX_VALUE_DEPTH + 1, 1)), { name: 'RangeError', message: `Value nests deeper than ${MAX_VALUE_DEPTH} levels` });
    const shared = deep(300, 1);
    assert.doesNotThrow(() => toJsonValue({ a: shared, b: deep(100, shared) }));
    assert.throws(() => toJsonValue({ a: shared, b: deep(300, shared) }), { name: 'RangeError' });
  });
});
