import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseEntryName, packEntries, unpackEntries, whiteoutOf } from './entry.ts';

describe('normaliseEntryName', () => {
  const cases: readonly (readonly [string, string | undefined])[] = [
    ['etc/passwd', 'etc/passwd'],
    ['./etc/passwd', 'etc/passwd'],
    ['etc//ssl/./certs/', 'etc/ssl/certs'],
    ['/etc/shadow', 'etc/shadow'],
    ['./', ''],
    ['a/b/../c', 'a/c'],
    ['a/../..', undefined],
    ['../etc/passwd', undefined],
    ['./../../../../tmp/x', undefined],
    ['/../etc', undefined],
    ['a/../../b', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(expected)}`, () => assert.equal(normaliseEntryName(name), expected));
  }
});

describe('whiteoutOf', () => {
  it('reads file whiteouts, opaque markers and ignores AUFS bookkeeping', () => {
    assert.deepEqual(whiteoutOf('etc/.wh.secret'), { type: 'whiteout', path: 'etc/secret' });
    assert.deepEqual(whiteoutOf('.wh.app'), { type: 'whiteout', path: 'app' });
    assert.deepEqual(whiteoutOf('var/cache/.wh..wh..opq'), { type: 'opaque', path: 'var/cache' });
    assert.deepEqual(whiteoutOf('.wh..wh..opq'), { type: 'opaque', path: '' });
    assert.deepEqual(whiteoutOf('.wh..wh.plnk/123'), undefined);
    assert.deepEqual(whiteoutOf('x/.wh..wh.aufs'), { type: 'ignored', path: 'x/.wh..wh.aufs' });
    assert.deepEqual(whiteoutOf('x/.wh.'), { type: 'ignored', path: 'x/.wh.' });
    assert.equal(whiteoutOf('etc/what.wh.not'), undefined);
  });
});

describe('packEntries / unpackEntries', () => {
  it('round-trips and rejects malformed data', () => {
    const entries = [
      { path: 'a', type: 'file', size: 3 },
      { path: 'l', type: 'symlink', size: 0, target: '/a' },
    ] as const;
    assert.deepEqual(unpackEntries(JSON.parse(JSON.stringify(packEntries(entries)))), entries);
    assert.equal(unpackEntries({}), undefined);
    assert.equal(unpackEntries([['a', 'socket', 1]]), undefined);
    assert.equal(unpackEntries([['a', 'file']]), undefined);
    assert.equal(unpackEntries(['a']), undefined);
  });
});
