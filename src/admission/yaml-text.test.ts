import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSourceDocument } from '../core/index.ts';
import type { JsonObject, JsonValue } from '../kubernetes/index.ts';
import { loadManifests } from '../kubernetes/index.ts';
import { toBlockYaml } from './yaml-text.ts';

function base(extra: JsonObject): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, ...extra };
}

/** Values the writer must round-trip exactly through the manifest loader. */
const CASES: readonly { readonly name: string; readonly value: JsonObject }[] = [
  { name: 'scalars', value: base({ data: { a: 'plain', b: '', c: 'true', d: '1', e: 'null', f: '~', g: '- x', h: '# not a comment', i: 'a: b', j: "'single'", k: '"double"' } }) },
  { name: 'numbers and booleans', value: base({ n: [0, -1, 1.5, 1e21, 12345678901234, -0.25], b: [true, false], z: null }) },
  { name: 'line breaks and escapes', value: base({ data: { multi: 'line one\nline two\n', tab: 'a\tb', cr: 'a\r\nb', bell: '\u0007', backslash: 'C:\\path\\' } }) },
  { name: 'unicode', value: base({ data: { emoji: '🛡️ palisade', ls: 'a\u2028b', nbsp: 'a\u00a0b', accents: 'héllo wörld', bidi: '\u202egnp.exe' } }) },
  { name: 'keys', value: base({ data: { 'a: b': '1', '<<': 'merge?', '- dash': '2', '': 'empty key', '? q': '3', 'with space ': '4' } }) },
  { name: 'empty collections', value: base({ data: {}, list: [], nested: { a: [], b: {} } }) },
  { name: 'nested sequences', value: base({ matrix: [[1, 2], [], [[3]], [{ a: 1, b: [{ c: 'd' }] }], [{}]] }) },
  { name: 'sequence of mappings', value: base({ items: [{ name: 'a', value: 'b' }, { name: 'c' }, {}] }) },
];

test('block YAML reads back as the value written', () => {
  for (const { name, value } of CASES) {
    const loaded = loadManifests(createSourceDocument('object.yaml', toBlockYaml(value)));
    assert.deepEqual(loaded.errors, [], name);
    assert.equal(loaded.objects.length, 1, name);
    assert.deepEqual(loaded.objects[0]?.object, value, name);
  }
});

test('writes the expected text', () => {
  assert.equal(
    toBlockYaml({ a: [{ b: 1, c: ['x'] }, [2]], d: {}, e: 'f' }),
    ['"a":', '  - "b": 1', '    "c":', '      - "x"', '  - - 2', '"d": {}', '"e": "f"', ''].join('\n'),
  );
  assert.equal(toBlockYaml({}), '{}\n');
});

test('a large object and a deeply nested one', () => {
  const big: JsonObject = base({ data: Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`key-${index}`, 'v'.repeat(100)])) });
  assert.deepEqual(loadManifests(createSourceDocument('object.yaml', toBlockYaml(big))).objects[0]?.object, big);
  let deep: JsonValue = 'bottom';
  for (let depth = 0; depth < 300; depth += 1) deep = { d: deep };
  const loaded = loadManifests(createSourceDocument('object.yaml', toBlockYaml(base({ deep }))));
  assert.equal(loaded.objects.length, 0);
  assert.equal(loaded.errors[0]?.message, 'Document 1 nests deeper than 256 levels; it was not read.');
});
