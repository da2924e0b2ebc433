import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRpm, rpmScheme, rpmvercmp } from './rpm.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

/** rpm's own table (tests/rpmvercmp.at), as rpmvercmp(a, b) = result. */
const RPMVERCMP: readonly (readonly [string, string, number])[] = [
  ['1.0', '1.0', 0], ['1.0', '2.0', -1], ['2.0', '1.0', 1],
  ['2.0.1', '2.0.1', 0], ['2.0', '2.0.1', -1], ['2.0.1', '2.0', 1],
  ['2.0.1a', '2.0.1a', 0], ['2.0.1a', '2.0.1', 1], ['2.0.1', '2.0.1a', -1],
  ['5.5p1', '5.5p1', 0], ['5.5p1', '5.5p2', -1], ['5.5p2', '5.5p1', 1],
  ['5.5p10', '5.5p10', 0], ['5.5p1', '5.5p10', -1], ['5.5p10', '5.5p1', 1],
  ['10xyz', '10.1xyz', -1], ['10.1xyz', '10xyz', 1],
  ['xyz10', 'xyz10', 0], ['xyz10', 'xyz10.1', -1], ['xyz10.1', 'xyz10', 1],
  ['xyz.4', 'xyz.4', 0], ['xyz.4', '8', -1], ['8', 'xyz.4', 1], ['xyz.4', '2', -1], ['2', 'xyz.4', 1],
  ['5.5p2', '5.6p1', -1], ['5.6p1', '5.5p2', 1],
  ['5.6p1', '6.5p1', -1], ['6.5p1', '5.6p1', 1],
  ['6.0.rc1', '6.0', 1], ['6.0', '6.0.rc1', -1],
  ['10b2', '10a1', 1], ['10a2', '10b2', -1],
  ['1.0aa', '1.0aa', 0], ['1.0a', '1.0aa', -1], ['1.0aa', '1.0a', 1],
  ['10.0001', '10.0001', 0], ['10.0001', '10.1', 0], ['10.1', '10.0001', 0], ['10.0001', '10.0039', -1], ['10.0039', '10.0001', 1],
  ['4.999.9', '5.0', -1], ['5.0', '4.999.9', 1],
  ['20101121', '20101121', 0], ['20101121', '20101122', -1], ['20101122', '20101121', 1],
  ['2_0', '2_0', 0], ['2.0', '2_0', 0], ['2_0', '2.0', 0],
  ['a', 'a', 0], ['a+', 'a+', 0], ['a+', 'a_', 0], ['a_', 'a+', 0], ['+a', '+a', 0], ['+a', '_a', 0], ['_a', '+a', 0],
  ['+_', '+_', 0], ['_+', '+_', 0], ['_+', '_+', 0], ['+', '_', 0], ['_', '+', 0],
  ['1.0~rc1', '1.0~rc1', 0], ['1.0~rc1', '1.0', -1], ['1.0', '1.0~rc1', 1], ['1.0~rc1', '1.0~rc2', -1], ['1.0~rc2', '1.0~rc1', 1],
  ['1.0~rc1~git123', '1.0~rc1~git123', 0], ['1.0~rc1~git123', '1.0~rc1', -1], ['1.0~rc1', '1.0~rc1~git123', 1],
  ['1.0^', '1.0^', 0], ['1.0^', '1.0', 1], ['1.0', '1.0^', -1],
  ['1.0^git1', '1.0^git1', 0], ['1.0^git1', '1.0', 1], ['1.0', '1.0^git1', -1], ['1.0^git1', '1.0^git2', -1], ['1.0^git2', '1.0^git1', 1],
  ['1.0^git1', '1.01', -1], ['1.01', '1.0^git1', 1],
  ['1.0^20160101', '1.0^20160101', 0], ['1.0^20160101', '1.0.1', -1], ['1.0.1', '1.0^20160101', 1],
  ['1.0^20160101^git1', '1.0^20160101^git1', 0], ['1.0^20160102', '1.0^20160101^git1', 1], ['1.0^20160101^git1', '1.0^20160102', -1],
  ['1.0~rc1^git1', '1.0~rc1^git1', 0], ['1.0~rc1^git1', '1.0~rc1', 1], ['1.0~rc1', '1.0~rc1^git1', -1],
  ['1.0^git1~pre', '1.0^git1~pre', 0], ['1.0^git1', '1.0^git1~pre', 1], ['1.0^git1~pre', '1.0^git1', -1],
  // Documented oddities (commented out in rpmvercmp.at, kept as current behaviour): non-ASCII separates.
  ['1b.fc17', '1.fc17', -1], ['1g.fc17', '1.fc17', 1], ['1.1.α', '1.1.β', 0], ['1.1.αα', '1.1.α', 0],
];

describe('rpm: rpmvercmp (rpm tests/rpmvercmp.at)', () => {
  for (const [a, b, expected] of RPMVERCMP) {
    it(`rpmvercmp(${a}, ${b}) = ${expected}`, () => assert.equal(rpmvercmp(a, b), expected));
  }
});

describe('rpm: epoch, version and release', () => {
  runVectors(rpmScheme, [
    ['1:1', '=', '1:1'],
    ['0:1', '<', '1:2'],
    ['3:1~1', '>', '1:2'],
    ['3', '<', '1:2'],
    ['13:5', '>', '004:2'],
    ['01:2', '=', '1:2'],
    [':1', '=', '0:1'],
    ['a:1', '<', 'b:1'],
    ['1-123', '>', '1-2'],
    ['1', '<', '1-0'],
    ['1-', '=', '1-'],
    ['0:3.10.0-229.el7', '<', '0:3.10.0-229.1.2.ael7b'],
    ['0:3.10.0-229.1.2.ael7b', '<', '0:3.10.0-229.1.2.el7'],
    ['2.17-317.el7', '<', '2.17-317.el7_9.1'],
    ['1.1.1k-7.el8_6', '<', '1:1.1.1k-7.el8_6'],
    ['4.18.0-348.el8', '<', '4.18.0-348.2.1.el8_5'],
    ['99999999999999999999999-1', '>', '99999999999999999999998-2'],
  ]);
});

describe('rpm: model and bad input', () => {
  it('reads the epoch only from leading digits and the release after the last hyphen', () => {
    assert.deepEqual(parseRpm('2:1.0-rc-3.el9'), { ok: true, value: { epoch: '2', version: '1.0-rc', release: '3.el9' } });
    assert.deepEqual(parseRpm('a:1'), { ok: true, value: { epoch: '0', version: 'a:1', release: undefined } });
  });
  runInvalid(rpmScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['1.0\n', { reason: 'control character in version', column: 4 }],
    ['9'.repeat(2000), { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
});
