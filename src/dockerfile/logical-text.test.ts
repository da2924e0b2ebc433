import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinContinuations, sourceSpan } from './logical-text.ts';

describe('joinContinuations', () => {
  it('joins lines ending in the escape character and drops comment and empty lines', () => {
    const source = 'a \\\n  # note\n\n  b \\  \r\n  c\nnext';
    const logical = joinContinuations(source, 0, source.length, '\\');
    assert.equal(logical.text, 'a   b   c');
    assert.equal(logical.offsets.length, logical.text.length + 1);
    assert.deepEqual([logical.offsets[0], logical.offsets[4], logical.offsets[8], logical.offsets.at(-1)], [0, 16, 25, 26]);
  });

  it('uses the escape character given', () => {
    assert.equal(joinContinuations('a `\nb', 0, 6, '`').text, 'a b');
    assert.equal(joinContinuations('a \\\nb', 0, 5, '`').text, 'a \\');
  });

  it('maps a logical span back to the source', () => {
    const logical = joinContinuations('["a", \\\n "b"]', 0, 13, '\\');
    assert.equal(logical.text, '["a",  "b"]');
    assert.deepEqual(sourceSpan(logical, 7, 10), { start: 9, end: 12 });
    assert.deepEqual(sourceSpan(logical, 3, 3), { start: 3, end: 3 });
  });
});
