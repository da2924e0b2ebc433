import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packagistScheme, parsePackagist } from './packagist.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

// PHP's version_compare() (php.net manual and ext/standard/tests/versioning), after Composer's normalisation.
describe('packagist: version_compare special forms', () => {
  runVectors(packagistScheme, [
    ['5.2', '=', '5.2.0'],
    ['5.2', '<', '5.2.0.1'],
    ['3.0', '>', '3.0.0-beta'],
    ['4-beta4', '>', '4.0-alpha'],
    ['1.9.0-BETA.1', '>', '1.9.0-ALPHA.2'],
    ['1.0-dev', '<', '1.0alpha1'],
    ['1.0alpha1', '=', '1.0a1'],
    ['1.0a1', '<', '1.0b1'],
    ['1.0beta1', '=', '1.0b1'],
    ['1.0b1', '<', '1.0RC1'],
    ['1.0RC1', '=', '1.0rc1'],
    ['1.0rc1', '<', '1.0'],
    ['1.0', '<', '1.0pl1'],
    ['1.0pl1', '=', '1.0p1'],
    ['1.0-dev', '<', '1.0'],
    ['1.0.0-dev', '<', '1.0.0'],
    ['1.0.0', '<', '1.0.0.1'],
    ['1.0.0', '>', '1.0.0-beta'],
    ['1.0.0', '<', '1.0.0-patch1'],
    ['1.0.0-foo', '<', '1.0.0-dev'],
    ['1.0.0-Beta', '>', '1.0.0-alpha'],
    ['1-0-0', '=', '1.0.0'],
    ['1_0+0', '=', '1.0.0'],
    ['1..0', '=', '1.0'],
    ['1.0.0.0.1', '>', '1.0'],
    ['v1.2.3', '=', '1.2.3'],
    ['V1.2.3', '=', 'v1.2.3'],
    ['4.3-2RC1', '<', '4.3-2RC2'],
    ['4.3-2', '>', '4.3-2beta1'],
    ['1.0.0rc2', '=', '1.0.0.rc2'],
    ['1.25.0beta2.1', '=', '1.25.0-b2.1'],
    ['1.2.3.#.1', '>', '1.2.3'],
    ['1.2.3.#.beta', '<', '1.2.3'],
    ['10', '>', '2'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
  ]);
});

describe('packagist: model and bad input', () => {
  it('splits at separators and digit/letter transitions and pads the numeric part to four', () => {
    assert.deepEqual(parsePackagist('v2.0-RC1+build'), { ok: true, value: { parts: ['2', '0', '0', '0', 'RC', '1', 'build'] } });
  });
  runInvalid(packagistScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['v', { reason: 'no number or letter in version', column: 1 }],
    ['...', { reason: 'no number or letter in version', column: 1 }],
    ['1\u0000', { reason: 'control character in version', column: 2 }],
  ]);
});
