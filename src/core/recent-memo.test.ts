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

  it('compares keys as a Map does (NaN finds NaN, -0 finds 0) and keeps nothing with size 0', () => {
    const calls: number[] = [];
    const memo = recentMemo<number, number>(2, (key) => (calls.push(key), key * 2));
    assert.deepEqual([memo(Number.NaN), memo(Number.NaN), memo(0), memo(-0)], [Number.NaN, Number.NaN, 0, 0]);
    assert.deepEqual(calls, [Number.NaN, 0]);
    const none = recentMemo<number, number>(0, (key) => (calls.push(key), key));
    none(7);
    none(7);
    assert.deepEqual(calls, [Number.NaN, 0, 7, 7]);
  });
});
