import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToml } from './toml.ts';

describe('parseToml values', () => {
  const table = [
    ['basic string with escapes', 'a = "x\\ty\\u00e9\\"z"', { a: 'x\tyé"z' }],
    ['literal string', "a = 'C:\\path'", { a: 'C:\\path' }],
    ['multi-line basic string', 'a = """\nline 1\nline "2"\\\n   joined"""', { a: 'line 1\nline "2"joined' }],
    ['multi-line literal string', "a = '''\nraw \\n'''", { a: 'raw \\n' }],
    ['numbers and booleans', 'a = 1_000\nb = -2.5e3\nc = true\nd = false', { a: 1000, b: -2500, c: true, d: false }],
    ['dates stay strings', 'a = 1979-05-27T07:32:00Z\nb = 07:32:00', { a: '1979-05-27T07:32:00Z', b: '07:32:00' }],
    ['arrays over lines with comments and trailing comma', 'a = [\n  1, # one\n  "two",\n]', { a: [1, 'two'] }],
    ['inline tables and dotted keys', 'a = { b = 1, c.d = "e" }\nx.y = 2', { a: { b: 1, c: { d: 'e' } }, x: { y: 2 } }],
    ['quoted keys', '"a b" = 1\n\'c\' = 2', { 'a b': 1, c: 2 }],
    ['tables and sub-tables', '[a]\nx = 1\n[a.b]\ny = 2', { a: { x: 1, b: { y: 2 } } }],
    ['arrays of tables with sub-tables', '[[p]]\nn = 1\n[p.d]\nk = "v"\n[[p]]\nn = 2', { p: [{ n: 1, d: { k: 'v' } }, { n: 2 }] }],
    ['CRLF line ends', 'a = 1\r\nb = "x"\r\n', { a: 1, b: 'x' }],
  ] as const;
  for (const [name, text, expected] of table) {
    it(name, () => {
      const document = parseToml(text);
      assert.deepEqual(document.errors, []);
      assert.deepEqual(document.root, expected);
    });
  }
});

describe('parseToml positions and errors', () => {
  it('records the span of each array-of-tables item, sub-tables included', () => {
    const text = '[[package]]\nname = "a"\n\n[package.extra]\nk = 1\n\n[[package]]\nname = "b"\n\n[metadata]\nx = 1\n';
    const items = parseToml(text).items.map((item) => [item.path, text.slice(item.start, item.end)]);
    assert.deepEqual(items, [
      ['package', '[[package]]\nname = "a"\n\n[package.extra]\nk = 1'],
      ['package', '[[package]]\nname = "b"'],
    ]);
  });

  const bad = [
    ['missing value', 'a = \nb = 1', [{ offset: 4, message: 'Expected a value' }], { b: 1 }],
    ['duplicate key', 'a = 1\na = 2', [{ offset: 6, message: 'Duplicate key "a"' }], { a: 1 }],
    ['unterminated string', 'a = "x\nb = 1', [{ offset: 6, message: 'Newline in a single-line string' }], { b: 1 }],
    ['junk after a value', 'a = 1 2\nb = 3', [{ offset: 6, message: 'Unexpected "2" after a value' }], { a: 1, b: 3 }],
    ['bad escape', 'a = "\\q"\nb = 1', [{ offset: 5, message: 'Invalid escape "\\q"' }], { b: 1 }],
    ['unclosed header', '[a\nb = 1', [{ offset: 2, message: 'Expected "]" to close the table header' }], { b: 1 }],
    ['key without equals', 'a\nb = 1', [{ offset: 1, message: 'Expected "=" after a key' }], { b: 1 }],
    ['value redefined as table', 'a = 1\n[a]\nb = 1', [{ offset: 6, message: 'Key "a" is already a value' }], { a: 1, b: 1 }],
    ['unknown bare value', 'a = yes\nb = 1', [{ offset: 4, message: 'Invalid value "yes"' }], { b: 1 }],
  ] as const;
  for (const [name, text, errors, root] of bad) {
    it(`reports and skips: ${name}`, () => {
      const document = parseToml(text);
      assert.deepEqual([document.errors, document.root], [errors, root]);
    });
  }

  it('survives deep nesting and huge input without throwing', () => {
    assert.deepEqual(parseToml(`a = ${'['.repeat(200)}${']'.repeat(200)}`).errors.map((error) => error.message), ['Values nested too deeply']);
    const many = Array.from({ length: 20_000 }, (_, index) => `[[package]]\nname = "p${index}"\n`).join('');
    assert.equal(parseToml(many).items.length, 20_000);
  });
});
