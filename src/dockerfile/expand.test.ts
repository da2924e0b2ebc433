import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandWord } from './expand.ts';

const SCOPE = new Map<string, string | undefined>([
  ['TAG', '1.2'],
  ['EMPTY', ''],
  ['UNSET', undefined],
]);

/** [word, expanded text, unresolved] */
const CASES: readonly (readonly [string, string, boolean])[] = [
  ['node:20', 'node:20', false],
  ['node:$TAG', 'node:1.2', false],
  ['node:${TAG}-alpine', 'node:1.2-alpine', false],
  ['node:${UNSET}', 'node:${UNSET}', true],
  ['node:$UNDECLARED', 'node:$UNDECLARED', true],
  ['node:${UNSET:-20}', 'node:20', false],
  ['node:${UNSET-20}', 'node:20', false],
  ['node:${EMPTY:-20}', 'node:20', false],
  ['node:${EMPTY-20}', 'node:', false],
  ['node:${TAG:-20}', 'node:1.2', false],
  ['node:${TAG:+20}', 'node:20', false],
  ['node:${EMPTY:+20}', 'node:', false],
  ['node:${EMPTY+20}', 'node:20', false],
  ['node:${UNSET:+20}', 'node:${UNSET:+20}', true],
  ['node:${UNSET:-${TAG}}', 'node:1.2', false],
  ['node:${TAG:?required}', 'node:${TAG:?required}', true],
  ['node:${TAG', 'node:${TAG', true],
  ['node:${}', 'node:${}', true],
  ['price$', 'price$', false],
  ['a$1b', 'a$1b', false],
  ['"node:$TAG"', 'node:1.2', false],
  ["'node:$TAG'", 'node:$TAG', false],
  ["'unterminated", 'unterminated', false],
  ['node:\\$TAG', 'node:$TAG', false],
];

describe('expandWord', () => {
  for (const [word, text, unresolved] of CASES) {
    it(`${word} → ${text}`, () => {
      const expansion = expandWord(word, SCOPE, '\\');
      assert.deepEqual([expansion.text, expansion.unresolved], [text, unresolved]);
      assert.equal(expansion.starts.length, text.length);
      assert.equal(expansion.ends.length, text.length);
    });
  }

  it('maps a substituted value to the whole variable', () => {
    const expansion = expandWord('n:${TAG}x', SCOPE, '\\');
    assert.deepEqual(
      [expansion.starts, expansion.ends],
      [
        [0, 1, 2, 2, 2, 8],
        [1, 2, 8, 8, 8, 9],
      ],
    );
  });

  it('honours another escape character', () => {
    assert.equal(expandWord('a`$TAG', SCOPE, '`').text, 'a$TAG');
  });
});
