import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dpkgScheme, parseDpkg } from './dpkg.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

describe('dpkg: dpkg test suite (lib/dpkg/t/t-version.c)', () => {
  runVectors(dpkgScheme, [
    ['0', '=', '0:0'],
    ['0:0-0', '=', '0-0'],
    ['0:0.0-0.0', '=', '0.0-0.0'],
    ['1:0', '>', '0'],
    ['5:1', '>', '4:9'],
    ['0:0-0-0', '=', '0-0-0'],
    ['0:0:0-0', '=', '0:0:0-0'],
    ['0:09azAZ.-+~:-0', '=', '0:09azAZ.-+~:-0'],
    ['1:09azAZ.-+~:-0', '>', '0:09azAZ.-+~:-0'],
    ['0:0-azAZ09.+~', '=', '0-azAZ09.+~'],
    ['  \t0:0-1', '=', '0:0-1\t  '],
    ['0-00', '=', '00-0'],
    ['1:2-3', '=', '1:2-3'],
    ['0:0-0', '<', '1:0-0'],
    ['a-0', '<', 'b-0'],
    ['0-a', '<', '0-b'],
  ]);
});

describe('dpkg: Debian Policy 5.6.12 and deb-version(7) examples', () => {
  runVectors(dpkgScheme, [
    ['1.0~rc1', '<', '1.0'],
    ['1.0~~', '<', '1.0~~a'],
    ['1.0~~a', '<', '1.0~'],
    ['1.0~', '<', '1.0'],
    ['1.0', '<', '1.0a'],
    ['1.0a', '<', '1.0+'],
    ['1.0+', '<', '1.0.'],
    ['1:1.0', '>', '2.0'],
    ['2.30', '>', '2.4'],
    ['1.0-1', '<', '1.0-1+b1'],
    ['1.0-1~bpo10+1', '<', '1.0-1'],
    ['1.2.3-1~deb7u1', '<', '1.2.3-1'],
    ['2.7.4+reloaded2-13ubuntu1', '<', '2.7.4+reloaded2-13+deb9u1'],
    ['1.0', '=', '1.0-0'],
    ['1.0', '<', '1.0-1'],
    ['1.0-1', '<', '1.0.1-1'],
    ['7.6p2-4', '<', '7.6p2-5'],
  ]);
});

describe('dpkg: numbers beyond 2^53 and long versions', () => {
  runVectors(dpkgScheme, [
    ['999999999999999999999999991', '<', '999999999999999999999999999'],
    ['1.00000000000000000000000000001', '=', '1.1'],
    ['18446744073709551616:1', '>', '18446744073709551615:9'],
    [`1.${'9'.repeat(900)}`, '>', `1.${'9'.repeat(899)}`],
  ]);
});

describe('dpkg: rejected versions name the position', () => {
  runInvalid(dpkgScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['  ', { reason: 'empty version', column: 1 }],
    ['0:', { reason: 'empty upstream version', column: 3 }],
    ['0:0 0-1', { reason: 'embedded whitespace in version', column: 4 }],
    ['-1:0-1', { reason: 'epoch is not a number', column: 1 }],
    ['a:0-0', { reason: 'epoch is not a number', column: 1 }],
    ['-0', { reason: 'empty upstream version', column: 1 }],
    ['0:-0', { reason: 'empty upstream version', column: 3 }],
    ['0:0!-0', { reason: 'invalid character "!" in upstream version', column: 4 }],
    ['0:0_a-0', { reason: 'invalid character "_" in upstream version', column: 4 }],
    ['0:0-0:0', { reason: 'invalid character ":" in revision', column: 6 }],
    ['1.0-', { reason: 'empty revision', column: 5 }],
    ['1.0\u0000', { reason: 'control character in version', column: 4 }],
    ['1'.repeat(1025), { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
});

describe('dpkg: model', () => {
  it('splits epoch, upstream (up to the last hyphen) and revision', () => {
    assert.deepEqual(parseDpkg('2:1.0-rc-3ubuntu1'), { ok: true, value: { epoch: '2', upstream: '1.0-rc', revision: '3ubuntu1' } });
    assert.deepEqual(parseDpkg('1.0'), { ok: true, value: { epoch: '0', upstream: '1.0', revision: '' } });
  });
});

describe('dpkg: warnings', () => {
  it('accepts an upstream version not starting with a digit, with dpkg\'s warning', () => {
    assert.deepEqual(dpkgScheme.parse('0:abc3-0'), { ok: true, value: { scheme: 'dpkg', text: '0:abc3-0', warning: 'version number does not start with a digit' } });
    assert.deepEqual(dpkgScheme.parse('1.0-1'), { ok: true, value: { scheme: 'dpkg', text: '1.0-1' } });
  });
});
