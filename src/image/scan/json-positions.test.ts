import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAt, parseJsonWithPositions } from './json-positions.ts';

describe('parseJsonWithPositions', () => {
  it('parses every JSON value like JSON.parse and keeps offsets of values and keys', () => {
    const text = '{ "a": [1, -2.5e3, true, false, null], "b": {"c": "x\\u0041\\n"}, "": {} }';
    const parsed = parseJsonWithPositions(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.root.value, JSON.parse(text));
    const c = nodeAt(parsed.root, ['b', 'c']);
    assert.deepEqual([c?.start, c?.end, c?.keyStart, c?.keyEnd], [50, 61, 45, 48]);
    assert.equal(text.slice(c?.start, c?.end), '"x\\u0041\\n"');
    assert.equal(nodeAt(parsed.root, ['a', '1'])?.value, -2500);
    assert.equal(nodeAt(parsed.root, ['a', '9']), undefined);
    assert.equal(nodeAt(parsed.root, ['a', 'x', 'y']), undefined);
  });

  it('keeps the last of duplicate keys and never touches prototypes', () => {
    const parsed = parseJsonWithPositions('{"k": 1, "k": 2, "__proto__": {"polluted": true}}');
    assert.ok(parsed.ok);
    assert.equal(nodeAt(parsed.root, ['k'])?.value, 2);
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
    assert.deepEqual(Object.keys(Object(parsed.root.value)), ['k', '__proto__']);
  });

  const bad = [
    ['', 0, 'Unexpected end of JSON'],
    ['{"a": 1,}', 8, 'Expected a member name'],
    ['{"a" 1}', 5, 'Expected ":"'],
    ['[1 2]', 3, 'Expected "," or "]"'],
    ['{"a": tru}', 6, 'Unexpected character "t"'],
    ['"unterminated', 0, 'Invalid string'],
    ['"tab\there"', 0, 'Invalid string'],
    ['{} extra', 3, 'Unexpected text after the JSON value'],
    ['01', 1, 'Unexpected text after the JSON value'],
  ] as const;
  for (const [text, offset, message] of bad) {
    it(`rejects ${JSON.stringify(text)} at ${offset}`, () => assert.deepEqual(parseJsonWithPositions(text), { ok: false, offset, message }));
  }

  it('refuses hostile nesting instead of overflowing the stack', () => {
    const parsed = parseJsonWithPositions(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.equal(parsed.ok, false);
    assert.equal(parsed.ok ? '' : parsed.message, 'Nesting deeper than 512 levels');
  });

  it('parses a large document', () => {
    const big = JSON.stringify({ config: { Env: Array.from({ length: 50_000 }, (_value, index) => `VAR_${index}=${index}`) } });
    const parsed = parseJsonWithPositions(big);
    assert.ok(parsed.ok);
    assert.equal(nodeAt(parsed.root, ['config', 'Env', '49999'])?.value, 'VAR_49999=49999');
  });
});
