import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExecForm } from './exec-form.ts';

/** [text, values, or undefined for the shell form] */
const CASES: readonly (readonly [string, readonly string[] | undefined])[] = [
  ['["a"]', ['a']],
  ['[ "a" , "b c" ]', ['a', 'b c']],
  ['[]', []],
  ['  [\t]  ', []],
  ['["\\u00e9\\"\\\\"]', ['é"\\']],
  ['["a", b]', undefined],
  ['["a" "b"]', undefined],
  ['["a",]', undefined],
  ['["a"', undefined],
  ['["a"] x', undefined],
  ['["bad \\x escape"]', undefined],
  ["['a']", undefined],
  ['echo [x]', undefined],
  ['', undefined],
  ['[1]', undefined],
];

describe('parseExecForm', () => {
  for (const [text, values] of CASES) {
    it(JSON.stringify(text), () => {
      assert.deepEqual(parseExecForm(text)?.map((item) => item.value), values);
    });
  }

  it('gives each string its span, quotes included', () => {
    assert.deepEqual(parseExecForm('["ab", "c"]'), [
      { value: 'ab', start: 1, end: 5 },
      { value: 'c', start: 7, end: 10 },
    ]);
  });
});
