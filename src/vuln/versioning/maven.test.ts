import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mavenScheme, parseMaven } from './maven.ts';
import { runInvalid, runSequence, runVectors } from './__fixtures__/run-vectors.ts';

// Maven's ComparableVersionTest (maven-artifact): VERSIONS_QUALIFIER and VERSIONS_NUMBER are
// ordered sequences (every earlier element lower than every later one).
describe('maven: ComparableVersionTest VERSIONS_QUALIFIER', () => {
  runSequence(mavenScheme, ['1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2', '1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123']);
});

describe('maven: ComparableVersionTest VERSIONS_NUMBER', () => {
  runSequence(mavenScheme, ['2.0', '2-1', '2.0.a', '2.0.0.a', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123', '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m']);
});

describe('maven: ComparableVersionTest testVersionsEqual', () => {
  runVectors(mavenScheme, [
    ['1', '=', '1'], ['1', '=', '1.0'], ['1', '=', '1.0.0'], ['1.0', '=', '1.0.0'], ['1', '=', '1-0'], ['1', '=', '1.0-0'], ['1.0', '=', '1.0-0'],
    ['1a', '=', '1-a'], ['1a', '=', '1.0-a'], ['1a', '=', '1.0.0-a'], ['1.0a', '=', '1.0-a'], ['1x', '=', '1-x'], ['1x', '=', '1.0-x'], ['1x', '=', '1.0.0-x'],
    ['1ga', '=', '1'], ['1release', '=', '1'], ['1final', '=', '1'], ['1cr', '=', '1rc'],
    ['1a1', '=', '1alpha1'], ['1b2', '=', '1beta2'], ['1m3', '=', '1milestone3'],
    ['1X', '=', '1x'], ['1A', '=', '1a'], ['1B', '=', '1b'], ['1M', '=', '1m'], ['1Ga', '=', '1'], ['1GA', '=', '1'], ['1RELEASE', '=', '1'], ['1Final', '=', '1'], ['1FinaL', '=', '1'], ['1FINAL', '=', '1'],
    ['1Cr', '=', '1Rc'], ['1cR', '=', '1rC'], ['1m3', '=', '1Milestone3'], ['1m3', '=', '1MileStone3'], ['1m3', '=', '1MILESTONE3'],
    ['1-abcdefghijklmnopqrstuvwxyz', '=', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  ]);
});

describe('maven: ComparableVersionTest testVersionComparing and MNG issues', () => {
  runVectors(mavenScheme, [
    ['1', '<', '2'], ['1.5', '<', '2'], ['1', '<', '2.5'], ['1.0', '<', '1.1'], ['1.1', '<', '1.2'], ['1.0.0', '<', '1.1'], ['1.0.1', '<', '1.1'], ['1.1', '<', '1.2.0'],
    ['1.0-alpha-1', '<', '1.0'], ['1.0-alpha-1', '<', '1.0-alpha-2'], ['1.0-alpha-1', '<', '1.0-beta-1'],
    ['1.0-beta-1', '<', '1.0-SNAPSHOT'], ['1.0-SNAPSHOT', '<', '1.0'], ['1.0-alpha-1-SNAPSHOT', '<', '1.0-alpha-1'],
    ['1.0', '<', '1.0-1'], ['1.0-1', '<', '1.0-2'], ['1.0.0', '<', '1.0-1'],
    ['2.0-1', '<', '2.0.1'], ['2.0.1-klm', '<', '2.0.1-lmn'], ['2.0.1', '<', '2.0.1-xyz'], ['2.0.1', '<', '2.0.1-123'], ['2.0.1-xyz', '<', '2.0.1-123'],
    // MNG-5568
    ['6.1.0rc3', '<', '6.1.0'], ['6.1.0rc3', '<', '6.1H.5-beta'], ['6.1.0', '<', '6.1H.5-beta'],
    // MNG-6572: numbers beyond int and long
    ['20190126.230843', '<', '1234567890.12345'], ['1234567890.12345', '<', '123456789012345.1H.5-beta'], ['123456789012345.1H.5-beta', '<', '12345678901234567890.1H.5-beta'],
    ['20190126.230843', '<', '12345678901234567890.1H.5-beta'],
    // leading zeroes
    ['0000000000000000001', '=', '1'], ['000000000000000001', '=', '01'], ['0000000000000000000', '=', '0'], ['0.7', '<', '2'], ['0.2', '<', '1.0.7'],
    // MNG-6964
    ['1-0.alpha', '<', '1'], ['1-0.beta', '<', '1'], ['1-0.alpha', '<', '1-0.beta'],
    // sp is the only qualifier above a release
    ['1.0-sp', '>', '1.0'], ['1.0.sp', '>', '1.0'], ['1.0-ga', '<', '1.0-sp'],
    ['1-1', '=', '1-ga-1'], ['1-alpha-1', '=', '1a1'],
  ]);
});

describe('maven: model and bad input', () => {
  it('splits on separators and digit/letter transitions, trimming nulls', () => {
    assert.deepEqual(parseMaven('1.0.0-RC1'), {
      ok: true,
      value: { tokens: [{ prefix: '.', value: '1', numeric: true }, { prefix: '-', value: 'rc', numeric: false }, { prefix: '-', value: '1', numeric: true }] },
    });
  });
  runInvalid(mavenScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['1.0 beta', { reason: 'whitespace in version', column: 4 }],
    ['1.0\u0001', { reason: 'control character in version', column: 4 }],
    ['1.'.repeat(600), { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
});
