import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SourceRange } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import { deepIndentationLine } from '../core/yaml-guard.ts';
import { MAX_VALUE_DEPTH, objectAt } from './json.ts';
import type { LoadedObject, LoadOutput } from './load.ts';
import { MAX_NESTING_DEPTH, loadManifests } from './load.ts';

const FIXTURES = join(import.meta.dirname, '__fixtures__', 'load');

function load(path: string, text: string): LoadOutput {
  return loadManifests(createSourceDocument(path, text));
}

function loadFixture(name: string): LoadOutput {
  return load(name, readFileSync(join(FIXTURES, name), 'utf8'));
}

/** `[startLine, startColumn, endLine, endColumn]`, short enough for tables. */
type Span = readonly [number, number, number, number];

function span(range: SourceRange | undefined): Span | undefined {
  return range === undefined ? undefined : [range.start.line, range.start.column, range.end.line, range.end.column];
}

function spansAt(loaded: LoadedObject | undefined, pointer: string): { value: Span | undefined; key: Span | undefined } {
  const ranges = loaded?.positions.get(pointer);
  return { value: span(ranges?.value), key: span(ranges?.key) };
}

function names(output: LoadOutput): unknown[] {
  return output.objects.map(({ object }) => objectAt(object, 'metadata')?.['name']);
}

describe('loadManifests: positions', () => {
  describe('multi-document YAML with comments, anchors and aliases', () => {
    const output = loadFixture('multi-document.yaml');
    const [configMap, deployment] = output.objects;

    it('reads both documents, in order, without errors', () => {
      assert.deepEqual(output.errors, []);
      assert.deepEqual(
        output.objects.map(({ documentIndex, itemIndex }) => ({ documentIndex, itemIndex })),
        [
          { documentIndex: 0, itemIndex: undefined },
          { documentIndex: 1, itemIndex: undefined },
        ],
      );
    });

    it('decodes YAML 1.1 values and expands aliases', () => {
      assert.deepEqual(configMap?.object['data'], { mode: 493 });
      assert.deepEqual(deployment?.object['spec'], {
        template: {
          spec: {
            containers: [
              { name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '500m', memory: '256Mi' } } },
              { name: 'sidecar', image: 'envoy:1.31', resources: { limits: { cpu: '500m', memory: '256Mi' } } },
            ],
          },
        },
      });
    });

    const cases: readonly { readonly object: 0 | 1; readonly pointer: string; readonly value: Span; readonly key?: Span }[] = [
      { object: 0, pointer: '/data/mode', value: [7, 9, 7, 13], key: [7, 3, 7, 7] },
      { object: 0, pointer: '/metadata', value: [5, 3, 5, 19], key: [4, 1, 4, 9] },
      { object: 1, pointer: '', value: [9, 1, 24, 29] },
      { object: 1, pointer: '/metadata/namespace', value: [13, 14, 13, 18], key: [13, 3, 13, 12] },
      // The comment after the value is not part of it; the quotes are.
      { object: 1, pointer: '/spec/template/spec/containers/0/image', value: [19, 18, 19, 30], key: [19, 11, 19, 16] },
      // A list item has no key; a block mapping ends with its last value.
      { object: 1, pointer: '/spec/template/spec/containers/0', value: [18, 11, 21, 47] },
      { object: 1, pointer: '/spec/template/spec/containers/0/resources', value: [21, 13, 21, 47], key: [20, 11, 20, 20] },
      // The alias itself, then the nodes reached through it, at their anchor's definition.
      { object: 1, pointer: '/spec/template/spec/containers/1/resources', value: [24, 22, 24, 29], key: [24, 11, 24, 20] },
      { object: 1, pointer: '/spec/template/spec/containers/1/resources/limits/memory', value: [21, 41, 21, 46], key: [21, 33, 21, 39] },
    ];
    for (const { object, pointer, value, key } of cases) {
      it(`maps ${pointer || '(root)'} of object ${object}`, () => {
        assert.deepEqual(spansAt(output.objects[object], pointer), { value, key });
      });
    }

    it('has no entry for a pointer that does not exist', () => {
      assert.equal(deployment?.positions.get('/spec/replicas'), undefined);
      assert.equal(configMap?.positions.get('/spec'), undefined);
    });
  });

  describe('List kinds', () => {
    const output = loadFixture('list.yaml');

    it('expands the items that are objects, each with its item index', () => {
      assert.deepEqual(output.errors, []);
      assert.deepEqual(
        output.objects.map(({ object, documentIndex, itemIndex }) => ({ kind: object['kind'], documentIndex, itemIndex })),
        [
          { kind: 'Service', documentIndex: 0, itemIndex: 0 },
          { kind: 'Pod', documentIndex: 0, itemIndex: 2 },
        ],
      );
    });

    const cases: readonly { readonly object: 0 | 1; readonly pointer: string; readonly value: Span; readonly key?: Span }[] = [
      { object: 0, pointer: '', value: [4, 5, 8, 21] },
      { object: 0, pointer: '/spec/type', value: [8, 13, 8, 21], key: [8, 7, 8, 11] },
      { object: 1, pointer: '/metadata/generateName', value: [13, 21, 13, 25], key: [13, 7, 13, 19] },
      { object: 1, pointer: '/spec/containers/0/name', value: [15, 27, 15, 28], key: [15, 21, 15, 25] },
    ];
    for (const { object, pointer, value, key } of cases) {
      it(`maps the item's own ${pointer || '(root)'} of object ${object}`, () => {
        assert.deepEqual(spansAt(output.objects[object], pointer), { value, key });
      });
    }

    it('expands any *List kind with items, and keeps a *List kind without items as an object', () => {
      const podList = load('pods.yaml', 'apiVersion: v1\nkind: PodList\nitems:\n  - {apiVersion: v1, kind: Pod, metadata: {name: a}}\n');
      assert.deepEqual(podList.objects.map(({ object, itemIndex }) => [object['kind'], itemIndex]), [['Pod', 0]]);
      const allowList = load('allow.yaml', 'apiVersion: example.com/v1\nkind: AllowList\nspec: {entries: []}\n');
      assert.deepEqual(allowList.objects.map(({ object, itemIndex }) => [object['kind'], itemIndex]), [['AllowList', undefined]]);
    });
  });

  describe('JSON manifests', () => {
    it('maps positions in a JSON file', () => {
      const output = loadFixture('pod.json');
      assert.deepEqual(output.errors, []);
      assert.equal(output.objects.length, 1);
      assert.deepEqual(spansAt(output.objects[0], '/spec/containers/0/image'), { value: [7, 32, 7, 44], key: [7, 23, 7, 30] });
      assert.deepEqual(spansAt(output.objects[0], '/metadata'), { value: [4, 15, 4, 30], key: [4, 3, 4, 13] });
    });

    it('expands a JSON List (as kubectl prints it)', () => {
      const output = load('list.json', '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}]}');
      assert.deepEqual(names(output), ['a']);
      assert.deepEqual(spansAt(output.objects[0], '/metadata/name'), { value: [1, 105, 1, 108], key: [1, 97, 1, 103] });
    });
  });

  it('excludes the carriage return of CRLF line ends from ranges', () => {
    const output = load('crlf.yaml', 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  containers:\r\n    - name: web\r\n      image: nginx\r\n');
    assert.deepEqual(output.errors, []);
    assert.deepEqual(spansAt(output.objects[0], '/spec/containers/0/image'), { value: [8, 14, 8, 19], key: [8, 7, 8, 12] });
    assert.deepEqual(spansAt(output.objects[0], '/spec/containers/0'), { value: [7, 7, 8, 19], key: undefined });
  });

  it('applies merge keys as YAML 1.1 does: explicit keys win, then earlier sources', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: merged}',
      'base: &base {a: 1, b: 1}',
      'extra: &extra {b: 2, c: 2}',
      'data:',
      '  <<: [*base, *extra]',
      '  a: 3',
      '',
    ].join('\n');
    const output = load('merge.yaml', text);
    assert.deepEqual(output.objects[0]?.object['data'], { a: 3, b: 1, c: 2 });
    assert.deepEqual(spansAt(output.objects[0], '/data/a'), { value: [8, 6, 8, 7], key: [8, 3, 8, 4] });
    assert.deepEqual(spansAt(output.objects[0], '/data/b'), { value: [4, 23, 4, 24], key: [4, 20, 4, 21] });
    assert.deepEqual(spansAt(output.objects[0], '/data/c'), { value: [5, 25, 5, 26], key: [5, 22, 5, 23] });
  });
});

describe('loadManifests: YAML 1.1 as Kubernetes reads it', () => {
  it('reads octal numbers and on/off/yes/no as YAML 1.1, but keeps timestamps and h:mm as strings', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata:\n  octal: 0755\n  flag: on\n  answer: no\n  date: 2024-01-02\n  time: 1:30\n';
    assert.deepEqual(load('s.yaml', text).objects[0]?.object['data'], { octal: 493, flag: true, answer: false, date: '2024-01-02', time: '1:30' });
  });

  it('reads a JSON file as YAML 1.2 (no YAML 1.1 booleans in keys)', () => {
    const output = load('cm.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}, "data": {"y": "x"}}');
    assert.deepEqual(output.objects[0]?.object['data'], { y: 'x' });
  });
});

describe('loadManifests: what is not a Kubernetes object is skipped silently', () => {
  const cases: readonly { readonly name: string; readonly text: string }[] = [
    { name: 'an empty file', text: '' },
    { name: 'only a comment', text: '# nothing here\n' },
    { name: 'only a document marker', text: '---\n' },
    { name: 'a scalar document', text: 'just some text\n' },
    { name: 'a number', text: '42\n' },
    { name: 'a sequence', text: '- apiVersion: v1\n  kind: Pod\n' },
    { name: 'a mapping without apiVersion', text: 'kind: Pod\nmetadata: {name: x}\n' },
    { name: 'a non-string kind', text: 'apiVersion: v1\nkind: 3\n' },
    { name: 'an empty apiVersion', text: 'apiVersion: ""\nkind: Pod\n' },
  ];
  for (const { name, text } of cases) {
    it(name, () => assert.deepEqual(load('x.yaml', text), { objects: [], errors: [] }));
  }
});

describe('loadManifests: bad input', () => {
  it('reports a syntax error in document 2 of 3 and still reads documents 1 and 3', () => {
    const output = loadFixture('three-documents-second-broken.yaml');
    assert.deepEqual(output.errors, [
      {
        path: 'three-documents-second-broken.yaml',
        code: 'PARSE_FAILED',
        message: 'YAML syntax error in document 2: Nested mappings are not allowed in compact mappings',
        startLine: 8,
        startColumn: 9,
      },
    ]);
    assert.deepEqual(names(output), ['first', 'third']);
    assert.deepEqual(
      output.objects.map((object) => object.documentIndex),
      [0, 2],
    );
  });

  it('reports duplicate keys at the duplicate and keeps the last value, as Kubernetes does', () => {
    const output = load('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  name: second\n');
    assert.deepEqual(output.errors, [
      { path: 'dup.yaml', code: 'PARSE_FAILED', message: 'Duplicate key "name" in document 1; the last value is used, as Kubernetes does.', startLine: 5, startColumn: 3 },
    ]);
    assert.deepEqual(names(output), ['second']);
    assert.deepEqual(spansAt(output.objects[0], '/metadata/name'), { value: [5, 9, 5, 15], key: [5, 3, 5, 7] });
  });

  it('reports the first ten duplicate keys of a document and counts the rest', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n${'  k: v\n'.repeat(1000)}`;
    const output = load('dups.yaml', text);
    assert.equal(output.errors.length, 11);
    assert.deepEqual(output.errors.at(-1), { path: 'dups.yaml', code: 'PARSE_FAILED', message: 'Document 1 has 989 more duplicate keys.', startLine: 16, startColumn: 3 });
    assert.deepEqual(output.objects[0]?.object['data'], { k: 'v' });
  });

  it('stops a billion-laughs document at the alias limit and reads the next document', () => {
    const output = loadFixture('billion-laughs.yaml');
    assert.deepEqual(output.errors, [
      {
        path: 'billion-laughs.yaml',
        code: 'PARSE_FAILED',
        message: 'Document 1 could not be read: Excessive alias count indicates a resource exhaustion attack',
        startLine: 1,
        startColumn: 1,
      },
    ]);
    assert.deepEqual(names(output), ['after']);
  });

  it('refuses a document nested 10,000 levels deep and reads the next one', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n`;
    const output = load('deep.yaml', text);
    assert.deepEqual(output.errors, [
      { path: 'deep.yaml', code: 'PARSE_FAILED', message: `Document 1 nests deeper than ${MAX_NESTING_DEPTH} levels; it was not read.`, startLine: 1, startColumn: 1 },
    ]);
    assert.deepEqual(names(output), ['after']);
  });

  it('refuses deep block nesting (compact sequences) before parsing, naming the line', () => {
    const output = load('deeper.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n${'- '.repeat(3000)}x\n`);
    assert.deepEqual(output.objects, []);
    assert.deepEqual(output.errors, [{ path: 'deeper.yaml', code: 'PARSE_FAILED', message: "Line 4 is indented more than 2048 columns (no manifest nests that deep; such a file exhausts the YAML parser's stack); it was not read.", startLine: 4, startColumn: 1 }]);
  });

  it('finds the first line indented past the limit as the character walk does (lines about the limit, tabs, no final newline)', () => {
    const head = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n';
    const cases: readonly (readonly [string, number | undefined])[] = [
      [`${head}${' '.repeat(2048)}x\n`, undefined],
      [`${head}${' '.repeat(2049)}x\n`, 5],
      [`${head}${' '.repeat(2049)}`, 5],
      [`${head}${' '.repeat(2048)}`, undefined],
      [`${head}    x\n${' '.repeat(2047)}\t\tx\n${' '.repeat(3000)}\n`, 6],
      [`${head}    ${'x'.repeat(5000)}\n${'- '.repeat(2049)}\n`, 6],
      [`${head}    ${'- '.repeat(2044)}x\n`, undefined],
      [`${' '.repeat(2049)}\n${head}`, 1],
    ];
    for (const [text, line] of cases) {
      const errors = load('deep.yaml', text).errors.filter((error) => error.message.includes('is indented more than'));
      assert.deepEqual(errors.map((error) => error.startLine), line === undefined ? [] : [line], JSON.stringify(text.slice(0, 40)));
      assert.equal(deepIndentationLine(text, 2048), line);
    }
  });

  it('accepts nesting up to the limit', () => {
    const depth = MAX_NESTING_DEPTH - 1;
    const output = load('nested.yaml', `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    assert.deepEqual(output.errors, []);
    assert.equal(output.objects.length, 1);
  });

  it('refuses a value that alias chains nest deeper than the value limit', () => {
    const level = (anchor: string, inner: string): string => `&${anchor} ${'['.repeat(200)}${inner}${']'.repeat(200)}`;
    const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: chain}', 'data:', `  a: ${level('a', '1')}`, `  b: ${level('b', '*a')}`, `  c: ${level('c', '*b')}`, ''].join('\n');
    const output = load('chain.yaml', text);
    assert.deepEqual(output.objects, []);
    assert.deepEqual(output.errors.map((error) => error.message), [`Document 1 could not be read: Value nests deeper than ${MAX_VALUE_DEPTH} levels`]);
  });

  it('reports an unresolved alias', () => {
    const output = load('alias.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: *nope\n');
    assert.deepEqual(output.objects, []);
    assert.deepEqual(output.errors.map((error) => error.message), ['Document 1 could not be read: Unresolved alias (the anchor must be set before the alias): nope']);
  });

  it('survives a self-referencing alias (the cycle becomes null)', () => {
    const output = load('cycle.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: &a [*a]\n');
    assert.deepEqual(output.errors, []);
    assert.deepEqual(output.objects[0]?.object['data'], [null]);
    assert.deepEqual(spansAt(output.objects[0], '/data/0'), { value: [4, 11, 4, 13], key: undefined });
    assert.equal(output.objects[0]?.positions.get('/data/0/0'), undefined);
  });

  it('reports stream-level garbage once and reads the document after it', () => {
    const output = load('garbage.yaml', ']]]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    assert.deepEqual(output.errors, [
      { path: 'garbage.yaml', code: 'PARSE_FAILED', message: 'YAML syntax error: Unexpected flow-seq-end token in YAML document', startLine: 1, startColumn: 1 },
    ]);
    assert.deepEqual(names(output), ['a']);
  });

  it('survives binary garbage: no objects, only coded errors with positions', () => {
    const bytes: number[] = [];
    let seed = 42;
    for (let i = 0; i < 65_536; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      bytes.push((seed >> 16) & 0xff);
    }
    for (const text of [Buffer.from(bytes).toString('latin1'), Buffer.from(bytes).toString('utf8'), '\u0000'.repeat(1000)]) {
      const output = load('garbage.yaml', text);
      assert.deepEqual(output.objects, []);
      for (const error of output.errors) {
        assert.equal(error.code, 'PARSE_FAILED');
        assert.equal(error.path, 'garbage.yaml');
        assert.equal(typeof error.startLine, 'number');
      }
    }
  });

  it('reads a 5 MiB file of Deployments', () => {
    const deployment = (index: number): string =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: web-${index}`,
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        `          image: nginx:1.27.${index % 10}`,
        '          resources: {limits: {cpu: 500m, memory: 256Mi}}',
        '',
      ].join('\n');
    const documents: string[] = [];
    let size = 0;
    while (size < 5 * 1024 * 1024) {
      const text = deployment(documents.length);
      documents.push(text);
      size += text.length + 4;
    }
    const output = load('big.yaml', documents.join('---\n'));
    assert.deepEqual(output.errors, []);
    assert.equal(output.objects.length, documents.length);
    const last = output.objects.at(-1);
    assert.equal(last?.documentIndex, documents.length - 1);
    const imageLine = (documents.length - 1) * 12 + 10;
    assert.deepEqual(spansAt(last, '/spec/template/spec/containers/0/image'), { value: [imageLine, 18, imageLine, 30], key: [imageLine, 11, imageLine, 16] });
  });
});
