import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JsonObject, JsonValue, KubernetesObjectArtifact } from '../kubernetes/index.ts';
import { isJsonObject, kubernetesAnalyzer } from '../kubernetes/index.ts';
import { admittedDocumentOf } from './object-artifact.ts';
import { objectsOfFile } from './test-objects.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function base(extra: JsonObject): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { 'palisade.dev/ignore': 'KUBE-0001: reviewed', 'ignore-check.kube-linter.io/privileged': 'ok' } }, ...extra };
}

/** Objects built by hand: every shape the writer has (nested and empty collections, escapes, odd keys, numbers). */
const HAND_MADE: readonly JsonObject[] = [
  base({ data: { a: 'plain', b: '', c: 'true', d: '1', e: 'null', f: '~', g: '- x', h: '# not a comment', i: 'a: b', j: "'single'", k: '"double"' } }),
  base({ n: [0, -1, 1.5, 1e21, 12345678901234, -0.25, 2 ** 60], b: [true, false], z: null }),
  base({ data: { multi: 'line one\nline two\n', tab: 'a\tb', cr: 'a\r\nb', backslash: 'C:\\path\\', slash: 'a/b~c' } }),
  base({ data: { emoji: '🛡️ palisade', accents: 'héllo wörld', long: 'x'.repeat(5000) } }),
  base({ data: { 'a: b': '1', '<<': 'merge?', '- dash': '2', '': 'empty key', '? q': '3', 'with space ': '4', 'a/b': '5', 'c~d': '6', __proto__: '7' } }),
  base({ data: {}, list: [], nested: { a: [], b: {} } }),
  base({ matrix: [[1, 2], [], [[3]], [{ a: 1, b: [{ c: 'd' }] }], [{}], [[[]]]] }),
  base({ items: [{ name: 'a', value: 'b' }, { name: 'c' }, {}, null, 'text', 3] }),
];

/** The parity test's fixtures (the example app, the loader's and the policy engine's), and the hand-made objects. */
function objects(): JsonObject[] {
  const vap = join(ROOT, 'src', 'policy', 'vap', '__fixtures__');
  const files = [
    ...readdirSync(join(ROOT, 'examples', 'insecure-app', 'k8s')).map((name) => join(ROOT, 'examples', 'insecure-app', 'k8s', name)),
    ...['multi-document.yaml', 'list.yaml', 'pod.json'].map((name) => join(ROOT, 'src', 'kubernetes', '__fixtures__', 'load', name)),
    ...readdirSync(vap).flatMap((name) => [join(vap, name, 'objects.yaml'), join(vap, name, 'policy.yaml')]),
  ];
  return [...files.flatMap((file) => objectsOfFile(readFileSync(file, 'utf8'))), ...HAND_MADE];
}

/** Every pointer of a value (the root included), and for each container one pointer that is not there. */
function pointersOf(value: JsonValue, prefix = ''): string[] {
  const escape = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');
  if (Array.isArray(value)) return [prefix, `${prefix}/${value.length}`, `${prefix}/-`, ...value.flatMap((item, index) => pointersOf(item, `${prefix}/${index}`))];
  if (!isJsonObject(value)) return [prefix];
  return [prefix, `${prefix}/missing`, ...Object.keys(value).flatMap((key) => pointersOf(value[key] ?? null, `${prefix}/${escape(key)}`))];
}

/** What a rule can observe of an artifact. */
function observed(artifact: KubernetesObjectArtifact | undefined): unknown {
  if (artifact === undefined) return undefined;
  const pointers = pointersOf(artifact.object);
  return {
    object: artifact.object,
    ref: artifact.ref,
    identity: artifact.identity,
    waivers: artifact.waivers,
    documentIndex: artifact.documentIndex,
    itemIndex: artifact.itemIndex,
    size: artifact.positions.size,
    positions: pointers.map((pointer) => [pointer, artifact.positions.get(pointer), artifact.positions.nearest(pointer)]),
    locations: pointers.map((pointer) => artifact.locate({ pointer })),
  };
}

test('the artifact built from the object is the one the manifest loader reads from its text', () => {
  const all = objects();
  assert.ok(all.length >= 40, `only ${all.length} objects`);
  let direct = 0;
  for (const object of all) {
    const { document, artifact } = admittedDocumentOf('admission/ns/kind.name.yaml', object);
    if (artifact === undefined) continue;
    direct += 1;
    const loaded = kubernetesAnalyzer.analyze(document);
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.artifacts.length, 1);
    assert.deepEqual(observed(artifact), observed(loaded.artifacts[0]), JSON.stringify(object).slice(0, 120));
  }
  // Only objects with YAML aliases (one object in two fields, which JSON cannot express) are left to the loader.
  assert.ok(direct >= all.length - 2, `${direct} of ${all.length} built directly`);
});

test('objects the loader treats specially get no artifact (the loader reads their text)', () => {
  let nested: JsonObject = {};
  for (let level = 0; level < 70; level += 1) nested = { a: nested };
  const deep: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', data: nested };
  const shared: JsonObject = { x: 1 };
  const cases: readonly (readonly [string, JsonObject])[] = [
    ['a List', { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod' }] }],
    ['no kind', { apiVersion: 'v1' }],
    ['an empty apiVersion', { apiVersion: '', kind: 'Pod' }],
    ['a number kind', { apiVersion: 'v1', kind: 3 }],
    ['-0', base({ n: -0 })],
    ['U+FFFD', base({ data: { a: 'bad \ufffd' } })],
    ['U+2028', base({ data: { a: 'a\u2028b' } })],
    ['U+0085', base({ data: { a: 'a\u0085b' } })],
    ['a byte-order mark', base({ data: { a: '\ufeffx' } })],
    ['a long key', base({ data: { ['k'.repeat(600)]: 'v' } })],
    ['nesting 70 levels deep', deep],
    ['one object in two fields', { apiVersion: 'v1', kind: 'Pod', spec: { a: shared, b: shared } }],
  ];
  for (const [name, object] of cases) assert.equal(admittedDocumentOf('a.yaml', object).artifact, undefined, name);
});
