import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { YamlSource } from './yaml-source.ts';
import { keyPositionOf, parseYamlSource, positionOf, rangeOf } from './yaml-source.ts';

const TEXT = ['exceptions:', '  - rule: DKR-0001', '    paths: [a, "b"]', '  -   vulnerability: CVE-2021-23337', '      expires: 2027-03-31', ''].join('\n');

function source(text: string): YamlSource {
  const parsed = parseYamlSource('e.yaml', text);
  assert.ok(parsed.ok, 'fixture must parse');
  return parsed.value.source;
}

describe('parseYamlSource', () => {
  it('reads YAML 1.2: dates stay strings, `no` stays a string, octal needs 0o', () => {
    const parsed = parseYamlSource('x.yaml', 'expires: 2027-03-31\ncountry: no\nmode: 0755\nflag: yes\n');
    assert.deepEqual(parsed.ok ? parsed.value.data : undefined, { expires: '2027-03-31', country: 'no', mode: 755, flag: 'yes' });
  });

  it('returns null data for an empty document', () => {
    const parsed = parseYamlSource('x.yaml', '# nothing\n');
    assert.equal(parsed.ok ? parsed.value.data : 'error', null);
  });

  it('reports every duplicate key, in nested mappings too', () => {
    assert.deepEqual(parseYamlSource('x.yaml', 'a: 1\nb:\n  c: 1\n  c: 2\na: 3\n'), {
      ok: false,
      error: [
        { line: 4, column: 3, message: 'duplicate key "c"' },
        { line: 5, column: 1, message: 'duplicate key "a"' },
      ],
    });
  });

  it('reports several syntax errors at once', () => {
    assert.deepEqual(parseYamlSource('x.yaml', 'a: [1\nb: "x\n'), {
      ok: false,
      error: [
        { line: 2, column: 1, message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]' },
        { line: 3, column: 1, message: 'YAML syntax error: Missing closing "quote' },
      ],
    });
  });

  it('reports an alias without its anchor at the alias', () => {
    assert.deepEqual(parseYamlSource('x.yaml', 'a: 1\nb: *nope\n'), {
      ok: false,
      error: [{ line: 2, column: 4, message: 'YAML syntax error: Unresolved alias (the anchor must be set before the alias): nope' }],
    });
  });

  it('turns an explicit !!timestamp into a Date (schemas then reject it as "a date")', () => {
    const parsed = parseYamlSource('x.yaml', 'expires: !!timestamp 2027-03-31\n');
    assert.deepEqual(parsed.ok ? parsed.value.data : undefined, { expires: new Date('2027-03-31T00:00:00.000Z') });
  });
});

describe('positions from JSON pointers', () => {
  const yaml = source(TEXT);
  const cases: readonly (readonly [string, number, number])[] = [
    ['', 1, 1],
    ['/exceptions', 2, 3],
    ['/exceptions/0', 2, 5],
    ['/exceptions/0/rule', 2, 11],
    ['/exceptions/0/paths/1', 3, 16],
    ['/exceptions/1/vulnerability', 4, 22],
    ['/exceptions/1/missing', 4, 7],
    ['/exceptions/7/rule', 2, 3],
  ];
  for (const [pointer, line, column] of cases) {
    it(`positionOf ${JSON.stringify(pointer)} → ${line}:${column}`, () => assert.deepEqual(positionOf(yaml, pointer), { line, column }));
  }

  it('keyPositionOf points at the key, falling back to the mapping', () => {
    assert.deepEqual(keyPositionOf(yaml, '/exceptions/0', 'paths'), { line: 3, column: 5 });
    assert.deepEqual(keyPositionOf(yaml, '/exceptions/0', 'nope'), { line: 2, column: 5 });
    assert.deepEqual(keyPositionOf(yaml, '', 'exceptions'), { line: 1, column: 1 });
    assert.deepEqual(keyPositionOf(yaml, '/exceptions', 'x'), { line: 2, column: 3 });
  });

  it('rangeOf spans the node without trailing blanks', () => {
    assert.deepEqual(rangeOf(yaml, '/exceptions/0'), { start: 16, end: 50 });
    assert.equal(TEXT.slice(16, 50), 'rule: DKR-0001\n    paths: [a, "b"]');
    assert.equal(rangeOf(yaml, '/nothing'), undefined);
  });

  it('positionOf an empty document is 1:1', () => {
    assert.deepEqual(positionOf(source(''), '/a/b'), { line: 1, column: 1 });
  });
});
