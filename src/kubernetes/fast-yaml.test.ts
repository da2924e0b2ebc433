import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createSourceDocument, toJsonPointer } from '../core/index.ts';
import { loadFast } from './fast-yaml.ts';
import type { JsonValue } from './json.ts';
import type { LoadOutput } from './load.ts';
import { loadManifests, loadWithLibrary } from './load.ts';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

function pointersOf(value: JsonValue | undefined, pointer: string, out: string[]): string[] {
  out.push(pointer);
  if (Array.isArray(value)) value.forEach((item: JsonValue, index: number) => pointersOf(item, `${pointer}/${index}`, out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) pointersOf(item, pointer + toJsonPointer([key]), out);
  return out;
}

/** The fast loader must give what the `yaml` library gives: objects, document indexes, errors and every position. */
function assertSameAsLibrary(text: string): void {
  const source = createSourceDocument('x.yaml', text);
  const fast: LoadOutput = loadManifests(source);
  const library = loadWithLibrary(source);
  assert.deepEqual(fast.errors, library.errors);
  assert.equal(fast.objects.length, library.objects.length);
  fast.objects.forEach((object, index) => {
    const expected = library.objects[index];
    assert.ok(expected !== undefined);
    assert.deepEqual(object.object, expected.object);
    assert.equal(object.documentIndex, expected.documentIndex);
    assert.equal(object.itemIndex, expected.itemIndex);
    for (const pointer of pointersOf(expected.object, '', [])) assert.deepEqual(object.positions.get(pointer), expected.positions.get(pointer), pointer);
    for (const pointer of ['/nope', '/data/nope/deeper', 'relative', '/metadata/name/x', '/spec/list/9']) assert.deepEqual(object.positions.nearest(pointer), expected.positions.nearest(pointer), pointer);
  });
}

/** Read by the fast loader, with the same result as the library. */
const FAST: readonly (readonly [string, string])[] = [
  ['block mappings and sequences', `${HEAD}data:\n  a: b\n  list:\n  - x\n  -   y\n  - k: v\n    k2: v2\n`],
  ['a sequence indented under its key', `${HEAD}spec:\n  list:\n    - a\n    - b\n`],
  ['nested compact sequences', `${HEAD}spec:\n  steps:\n  - - name: a\n      t: b\n    - name: c\n  - - x\n`],
  ['YAML 1.1 scalars', `${HEAD}data:\n  octal: 0755\n  yes: on\n  n: no\n  t: 2001-12-14\n  time: 12:30\n  hex: 0x1F\n  f: 1.5e3\n  null1: ~\n  null2: null\n  s: v1\n  neg: -3\n  dot: .inf\n`],
  ['numeric and boolean keys', `${HEAD}data:\n  80: http\n  y: yes-key\n  1.0: one\n`],
  ['keys that JavaScript orders first, among others', `${HEAD}data:\n  b: x\n  10: y\n  2: {z: 1, 7: [a]}\n  a: [w, {4294967295: big, 4294967294: index}]\n  "010": lead\n`],
  ['quoted scalars and escapes', `${HEAD}data:\n  a: "x\\ty \\u00e9"\n  b: 'it''s'\n  "c d": "e"\n  'f': ''\n  g: "#not a comment" # a comment\n`],
  ['multi-line quoted scalars', `${HEAD}data:\n  a: 'first\n    second\n\n    third '\n  b: "one\n    two\\\n    three"\n`],
  ['multi-line plain scalars', `${HEAD}data:\n  a: foo\n    bar\n\n    baz\n  b: - starts like an item\n`.replace('  b: - starts like an item\n', '  b: x\n    - not an item\n    [not flow]\n')],
  ['block scalars', `${HEAD}data:\n  lit: |\n    line 1\n      indented\n\n    line 3\n  strip: |-\n    s\n\n  fold: >\n    a\n    b\n\n    c\n      more\n    d\n  empty: |\n  after: x\n`],
  ['flow collections', `${HEAD}data:\n  a: []\n  b: {}\n  c: [x, "y", 1, [z]]\n  d: {k: v, "q": 2, n: {m: o}}\n`],
  ['multi-line flow collections, trailing commas', `${HEAD}data:\n  a: [x,\n    y]\n  b: [\n    "-p", "8080",\n    {k: v,\n     n: [1, 2, ]},\n  ]\n  c: {a: 1,\n   b: 2, }\nlist:\n- [\n   x]\n- k: {\n    a: b,\n  }\n`],
  ['comments, blank lines and empty values', `# head\n${HEAD}# between\n\ndata:   # trailing\n  a:\n  b:   \n\n  c: 1 # c\nlist:\n-\n-   # x\n- a\nlast:\n`],
  ['several documents, empty ones and `...`', `---\n${HEAD}---\n---\n# only a comment\n---\n${HEAD}...\n${HEAD}...\n---\n${HEAD}`],
  ['content before the first marker', `${HEAD}---\n${HEAD}`],
  ['values that look like document markers', `${HEAD}data:\n  a: ---\n  b: ...\n  c: --- x\n  d: [---, ...]\n  e: {x: ...}\n  f:\n  - ---\n`],
  ['a List', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- 42\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n'],
  ['an indented root mapping and keys with spaces', `  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n  data:\n    key with spaces: value: not\n`.replace('value: not', 'v')],
  ['a __proto__ key stays data', `${HEAD}data:\n  __proto__: x\n`],
  ['keys met again read as the first time', `${HEAD}data:\n  yes: a\n  'yes': b\n  1.0: c\n  key  : d\n  ${'long'.repeat(30)}: f\n---\n${HEAD}data:\n  yes: a\n  1.0: c\n  key: d\n  key  : e\n  ${'long'.repeat(30)}: g\n  __proto__: h\n`],
  ['no trailing newline', `${HEAD}data:\n  a: b`],
  ['duplicate keys: reported, the last value in the first key\'s place', `${HEAD}data:\n  a: 1\n  b: x\n  # c\n  a:\n    n: [1]\n  'b': {y: 1}\n  "a": |\n    z\nlist:\n- k: 1\n\n  # k\n  k: 2\n  spec:\n    z: 1\n    z:\n    - q\n-   k: 3\n    k: [4]\nmetadata:\n  name: again\n`],
  ['more than ten duplicate keys, in two documents', `${HEAD}data:\n${'  a: 1\n'.repeat(14)}---\n${HEAD}data:\n  x: 1\n  x: 2\n`],
  ['duplicate keys in a later document only, then none', `${HEAD}---\n${HEAD}data:\n  x: 1\n  x: 2\n---\n${HEAD}`],
  ['not objects', '- a\n- b\n---\nplain: map\n'],
];

/** Left to the library (the fast loader gives up on the whole file), same result either way. */
const LIBRARY: readonly (readonly [string, string])[] = [
  ['anchors and aliases', `${HEAD}data:\n  a: &x 1\n  b: *x\n`],
  ['merge keys', `${HEAD}base: &b {a: 1}\ndata:\n  <<: *b\n`],
  ['tags', `${HEAD}data:\n  a: !!str 1\n`],
  ['tabs', `${HEAD}data:\n  a: "x\ty"\n`],
  ['CRLF line ends', HEAD.replaceAll('\n', '\r\n')],
  ['duplicate number keys', `${HEAD}data:\n  1: a\n  1: b\n`],
  ['a number key and a text key that JavaScript makes one', `${HEAD}data:\n  "1": a\n  1: b\n`],
  ['a boolean key and a text key that JavaScript makes one', `${HEAD}data:\n  yes: a\n  "true": b\n`],
  ['a null key and an empty text key', `${HEAD}data:\n  ~: a\n  "": b\n`],
  ['a NaN key and a text key that JavaScript makes one', `${HEAD}data:\n  .nan: a\n  NaN: b\n`],
  ['duplicate keys in a flow mapping', `${HEAD}data: {a: 1, a: 2}\n`],
  ['duplicate __proto__ keys', `${HEAD}data:\n  __proto__: a\n  __proto__: b\n`],
  ['a syntax error', `${HEAD}data:\n  a: b: c\n`],
  ['bad indentation', `${HEAD}data:\n  a: 1\n    b: 2\n`],
  ['multi-line flow collections with a comment or a blank line', `${HEAD}data:\n  a: [x,\n    # c\n    y]\n  b: [x,\n\n    y]\n`],
  ['a multi-line flow collection indented too little', `${HEAD}data:\n  a: [x,\n  y]\n`],
  ['a plain scalar at the end of a line in a flow collection', `${HEAD}data:\n  a: [x,\n    y\n  ]\n`],
  ['a directive', `%YAML 1.1\n---\n${HEAD}`],
  ['keep chomping', `${HEAD}data:\n  a: |+\n    x\n\n`],
  ['an explicit key', `${HEAD}data:\n  ? a\n  : b\n`],
  ['a document that is a scalar', `${HEAD}---\njust text\n`],
  ['a byte-order mark in the middle', `${HEAD}data:\n  a: \ufeffx\n`],
];

describe('loadFast: the subset it reads gives what the yaml library gives', () => {
  for (const [name, text] of FAST) {
    it(name, () => {
      assert.equal(loadFast(text).rest, undefined, 'read by the fast loader');
      assertSameAsLibrary(text);
    });
  }
});

describe('loadFast: gives up on the rest, which the library reads', () => {
  for (const [name, text] of LIBRARY) {
    it(name, () => {
      assert.notEqual(loadFast(text).rest, undefined);
      assertSameAsLibrary(text);
    });
  }
});

describe('loadFast: hands over to the library at the first document it is not sure of', () => {
  const first = `---\n${HEAD}`;
  const aliases = `---\n${HEAD}data:\n  a: &x 1\n  b: *x\n`;
  const broken = `---\n${HEAD}data:\n  a: b: c\n`;
  const last = `---\n${HEAD.replace('name: cm', 'name: last')}`;

  it('from the `---` of that document, with its index', () => {
    const text = first + aliases + last;
    const fast = loadFast(text);
    assert.equal(fast.documents.length, 1);
    assert.deepEqual(fast.rest, { offset: first.length, index: 1, toEnd: false });
    // After the library has read that document, the fast loader reads on from the next `---`.
    assert.deepEqual(loadFast(text, { offset: first.length + aliases.length, index: 2 }).documents.map((document) => document.index), [2]);
    assertSameAsLibrary(text);
    assert.deepEqual(loadManifests(createSourceDocument('x.yaml', text)).objects.map((object) => object.documentIndex), [0, 1, 2]);
  });

  it('errors of the later documents keep the lines of the whole file', () => {
    const text = first + broken + last;
    assertSameAsLibrary(text);
    assert.deepEqual(loadManifests(createSourceDocument('x.yaml', text)).errors, [
      { path: 'x.yaml', code: 'PARSE_FAILED', message: 'YAML syntax error in document 2: Nested mappings are not allowed in compact mappings', startLine: 12, startColumn: 6 },
    ]);
  });

  it('for the whole file when the document has no `---` of its own', () => {
    assert.deepEqual(loadFast(`${HEAD}data:\n  a: &x 1\n`).rest, { offset: 0, index: 0, toEnd: true });
    assert.deepEqual(loadFast(`${HEAD}...\n${HEAD}data:\n  a: &x 1\n`).rest, { offset: 0, index: 0, toEnd: true });
  });

  it('one odd document among many: the documents after it are still read fast, indexes and positions kept', () => {
    const text = first + aliases + last + broken + last + aliases.replace('---', '--- # comment') + last;
    assertSameAsLibrary(text);
    assert.deepEqual(loadManifests(createSourceDocument('x.yaml', text)).objects.map((object) => object.documentIndex), [0, 1, 2, 4, 5, 6]);
  });
});

describe('loadFast: hostile input', () => {
  it('reads deep block nesting up to its own limit, then leaves it to the library', () => {
    const nested = (depth: number): string => `${HEAD}data:\n${Array.from({ length: depth }, (_, level) => `${'  '.repeat(level + 1)}k${level}:`).join('\n')} x\n`;
    assert.equal(loadFast(nested(50)).rest, undefined);
    assert.deepEqual(loadFast(nested(150)).rest, { offset: 0, index: 0, toEnd: true });
    assertSameAsLibrary(nested(150));
  });

  it('reads a long single line and many keys in linear time', () => {
    const text = `${HEAD}data:\n  long: ${'x'.repeat(2_000_000)}\n${Array.from({ length: 20_000 }, (_, index) => `  k${index}: v`).join('\n')}\n`;
    assert.equal(loadFast(text).documents.length, 1);
  });
});

describe('loadFast: generated block scalars give what the library gives', () => {
  // Lines of a block scalar: content at various indentations (less than the first is the library's
  // error or the end of the scalar), blank lines of 0 to 8 spaces, trailing spaces, comment-like text.
  const line = fc.oneof(
    fc.record({ indent: fc.integer({ min: 0, max: 8 }), content: fc.constantFrom('x', 'a b', '# not a comment', 'k: v', '- item', 'tail  ', '"q"', "'s'") }),
    fc.record({ indent: fc.integer({ min: 0, max: 8 }), content: fc.constant('') }),
  );
  const scalar = fc.record({ header: fc.constantFrom('|', '|-', '>', '>-', '|2', '|+'), lines: fc.array(line, { maxLength: 8 }), inSequence: fc.boolean() });

  it('literal and folded, clip and strip, blank lines anywhere', () => {
    fc.assert(
      fc.property(fc.array(scalar, { minLength: 1, maxLength: 3 }), (scalars) => {
        const entries = scalars.map(({ header, lines, inSequence }, index) => {
          const body = lines.map(({ indent, content }) => `${' '.repeat(indent + (inSequence ? 4 : 2))}${content}`).join('\n');
          return inSequence ? `  k${index}:\n  - ${header}\n${body}\n  - after` : `  k${index}: ${header}\n${body}`;
        });
        assertSameAsLibrary(`${HEAD}data:\n${entries.join('\n')}\n  last: x\n`);
      }),
      { numRuns: 150 },
    );
  });
});

describe('floats without a digit (`e5`, `E+1`, `.`, `-.`, `._`, `.e5`) are strings on both paths, as for Kubernetes (go-yaml)', () => {
  it('the fast loader and the library agree', () => {
    const text = `${HEAD}data:\n  a: e5\n  b: E+1\n  c: .\n  d: -.\n  e: ._\n  f: .e5\n  g: 1.\n  h: .5e3\n  i: 1_0.5\n`;
    const expected = { a: 'e5', b: 'E+1', c: '.', d: '-.', e: '._', f: '.e5', g: 1, h: 500, i: 10.5 };
    assert.equal(loadFast(text).rest, undefined);
    const source = createSourceDocument('x.yaml', text);
    assert.deepEqual(loadManifests(source).objects[0]?.object['data'], expected);
    assert.deepEqual(loadWithLibrary(source).objects[0]?.object['data'], expected);
  });
});

describe('loadFast: generated scalars resolve as the library resolves them (YAML 1.1 as Kubernetes reads it)', () => {
  // Numbers in every base and form, signs, `.inf`/`.nan`, `~`, booleans and nulls in any case, times, dates, and strings near them.
  const piece = fc.constantFrom('0', '1', '7', '8', '9', '0x', '0o', '0b', 'e', 'E', '+', '-', '.', '_', ':', '~', 'inf', 'Inf', 'nan', 'NaN', 'y', 'Y', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', 'NULL', 'a', 'ff', ' ', '2001-12-14', 't', 'Z', '#', ',');
  const plain = fc
    .array(piece, { minLength: 1, maxLength: 5 })
    .map((pieces) => pieces.join('').trim())
    .filter((text) => text !== '' && !text.startsWith('#'));
  const escape = fc.constantFrom('\\t', '\\n', '\\x41', '\\u00e9', '\\\\', '\\"', '\\0', '\\ ', '\\_', '\\N', 'x', "'", ' ');

  it('plain scalars as values, flow items and keys', () => {
    fc.assert(
      fc.property(plain, plain, (value, key) => {
        assertSameAsLibrary(`${HEAD}data:\n  a: ${value}\n  b: [${value}]\n  ${key}: k\n  c: {x: ${value}}\n  d:\n  - ${value}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('double- and single-quoted scalars with escapes', () => {
    fc.assert(
      fc.property(fc.array(escape, { maxLength: 6 }), (parts) => {
        const inner = parts.join('');
        assertSameAsLibrary(`${HEAD}data:\n  a: "${inner}"\n  b: '${inner.replaceAll("'", "''")}'\n  "${inner}": k\n`);
      }),
      { numRuns: 100 },
    );
  });
});

describe('loadFast: generated multi-line flow collections give what the library gives', () => {
  // Entries of a flow collection, each followed by a line break or not, at various indentations
  // (too little is the library's error or its reading); trailing commas; nested collections.
  const entry = fc.constantFrom('x', '"q r"', "'s'", '1', 'k: v', '[a, b]', '{m: n}', '"-p"', '[\n  z]');
  const layout = fc.record({
    entries: fc.array(fc.tuple(entry, fc.boolean(), fc.integer({ min: 0, max: 6 })), { maxLength: 5 }),
    trailingComma: fc.boolean(),
    closeIndent: fc.integer({ min: 0, max: 6 }),
    mapping: fc.boolean(),
    context: fc.constantFrom('value', 'item', 'compact'),
  });

  it('sequences and mappings, in mapping values, sequence items and compact mappings', () => {
    fc.assert(
      fc.property(layout, ({ entries, trailingComma, closeIndent, mapping, context }) => {
        const parts = entries.map(([text, newline, indent], index) => {
          const item = mapping ? `k${index}: ${text}` : text;
          return `${item}${index < entries.length - 1 || trailingComma ? ',' : ''}${newline ? `\n${' '.repeat(indent)}` : ' '}`;
        });
        const body = `${mapping ? '{' : '['}${parts.join('')}\n${' '.repeat(closeIndent)}${mapping ? '}' : ']'}`;
        const place = { value: `data:\n  a: ${body}\n`, item: `data:\n  - ${body}\n`, compact: `data:\n- a: ${body}\n` }[context];
        assertSameAsLibrary(`${HEAD}${place}last: x\n`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('loadFast: generated mappings with duplicate keys give what the library gives', () => {
  // Keys from a small set (text, quoted text, numbers, booleans, null, JavaScript's index-like keys),
  // so that keys repeat; values scalars, nested mappings (repeating keys too) or sequences; comments and blank lines between.
  const key = fc.constantFrom('a', 'b', '"a"', "'b'", 'name', '1', '"1"', 'yes', '"true"', '~', '""', '10', 'a b');
  const scalar = fc.constantFrom('x', '1', '"q"', '[1, 2]', '{k: v}', '|\n      lit', 'plain\n      more');
  const gap = fc.constantFrom('', '# c\n', '\n');
  const entry = fc.tuple(key, fc.oneof(scalar, fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 4 }), fc.constant('list')), gap);

  it('block mappings at the top, nested, and in compact sequence items', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.boolean(), (entries, compact) => {
        const lines = entries.map(([name, value, before]) => {
          const indent = compact ? '    ' : '  ';
          if (value === 'list') return `${before}${indent}${name}:\n${indent}- x\n${indent}- k: 1\n${indent}  k: 2`;
          if (typeof value === 'string') return `${before}${indent}${name}: ${value}`;
          return `${before}${indent}${name}:\n${value.map(([inner, innerValue]) => `${indent}  ${inner}: ${innerValue}`).join('\n')}`;
        });
        const body = compact ? `data:\n- ${lines.join('\n').replace(/^(?:# c\n|\n)*    /, '')}\n` : `data:\n${lines.join('\n')}\n`;
        assertSameAsLibrary(`${HEAD}${body}last: x\n`);
      }),
      { numRuns: 300 },
    );
  });
});
