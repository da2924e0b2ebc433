import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok } from '../../core/index.ts';
import { MAX_VERSION_LENGTH, checkText, compareDigits, compareStrings, defineScheme } from './scheme.ts';

describe('scheme helpers: compareDigits', () => {
  const rows: readonly (readonly [string, string, number])[] = [
    ['0', '0', 0], ['0', '000', 0], ['007', '7', 0], ['9', '10', -1], ['10', '9', 1],
    ['9007199254740992', '9007199254740993', -1],
    ['999999999999999999999999999991', '999999999999999999999999999999', -1],
    ['0000000000000000000000000000001', '2', -1],
    ['123456789012345678901234567890', '123456789012345678901234567890', 0],
  ];
  for (const [a, b, expected] of rows) it(`compareDigits(${a}, ${b}) = ${expected}`, () => assert.equal(compareDigits(a, b), expected));
  it('compares strings by code unit, like strcmp', () => {
    assert.equal(compareStrings('B', 'a'), -1);
    assert.equal(compareStrings('ab', 'a'), 1);
    assert.equal(compareStrings('', ''), 0);
  });
});

describe('scheme helpers: checkText', () => {
  const rows: readonly (readonly [string, ReturnType<typeof checkText>])[] = [
    ['1.0', undefined],
    ['', { reason: 'empty version', column: 1 }],
    ['1.0\u001b[31m', { reason: 'control character in version', column: 4 }],
    ['x'.repeat(MAX_VERSION_LENGTH), undefined],
    ['x'.repeat(MAX_VERSION_LENGTH + 1), { reason: 'version longer than 1024 characters', column: 1025 }],
  ];
  for (const [text, expected] of rows) it(`checkText(${JSON.stringify(text.slice(0, 12))}…${text.length})`, () => assert.deepEqual(checkText(text), expected));
});

describe('scheme helpers: defineScheme', () => {
  const scheme = defineScheme({ id: 'hackage', parse: (text: string) => ok(text.length), compare: (a: number, b: number) => (a - b) * 10 });
  it('normalises compare results to -1, 0 or 1 and freezes versions', () => {
    const short = scheme.parse('ab');
    const long = scheme.parse('abcd');
    assert.ok(short.ok && long.ok);
    assert.equal(scheme.compare(short.value, long.value), -1);
    assert.equal(scheme.compare(long.value, short.value), 1);
    assert.ok(Object.isFrozen(short.value));
    assert.ok(Object.isFrozen(scheme));
  });
  it('rejects a look-alike version object that it did not parse', () => {
    const parsed = scheme.parse('ab');
    assert.ok(parsed.ok);
    assert.throws(() => scheme.compare(parsed.value, { scheme: 'hackage', text: 'ab' }), { message: 'Invariant failed: version "ab" was not parsed by the hackage scheme' });
  });
});
