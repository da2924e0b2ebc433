import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recentMemo } from './recent-memo.ts';

describe('recentMemo', () => {
  it('computes once per key among the last `size` keys, by identity, undefined answers included', () => {
    const calls: string[] = [];
    const memo = recentMemo<{ readonly name: string }, string | undefined>(2, (key) => {
      calls.push(key.name);
      return key.name === 'none' ? undefined : key.name.toUpperCase();
    });
    const [a, b, c, none] = [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'none' }];
    assert.deepEqual([memo(a), memo(a), memo(b), memo(a), memo({ name: 'a' })], ['A', 'A', 'B', 'A', 'A']);
    assert.deepEqual(calls, ['a', 'b', 'a']);
    // `a`, `b` and the second `{ name: 'a' }` were asked; size 2 keeps the last two: `b` and the copy.
    assert.equal(memo(b), 'B');
    assert.equal(memo(a), 'A');
    assert.deepEqual(calls, ['a', 'b', 'a', 'a']);
    assert.equal(memo(none), undefined);
    assert.equal(memo(none), undefined);
    assert.equal(memo(c), 'C');
    assert.deepEqual(calls, ['a', 'b', 'a', 'a', 'none', 'c']);
  });
});
