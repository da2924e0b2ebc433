import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apkScheme, parseApk } from './apk.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

describe('apk: apk-tools test/version.data', () => {
  runVectors(apkScheme, [
    ['2.34', '>', '0.1.0_alpha'],
    ['23_foo', '>', '4_beta'],
    ['1.0', '<', '1.0bc'],
    ['0.1.0_alpha', '=', '0.1.0_alpha'],
    ['0.1.0_alpha', '<', '0.1.3_alpha'],
    ['0.1.0_alpha2', '>', '0.1.0_alpha'],
    ['0.1.0_alpha', '<', '2.2.39-r1'],
    ['1.0.4-r3', '<', '1.0.4-r4'],
    ['1.1', '>', '1.1_alpha1'],
    ['1.2', '<', '1.3_alpha'],
    ['1.3_alpha2', '<', '1.3_alpha3'],
    ['0.7.0', '<', '0.8_beta1'],
    ['0.8_beta4', '<', '4.8-r1'],
    ['3.10.18-r1', '>', '2.3.0b-r1'],
    ['2.3.0b-r1', '<', '2.3.0b-r2'],
    ['0.12.3', '>', '0.12'],
    ['0.12', '<', '0.13_beta1'],
    ['1.2.11', '<', '1.2.12.1'],
    ['1.2.12.1', '<', '1.2.13'],
    ['0.2.0-r1', '<', '3.1_p16'],
    ['3.1_p16', '<', '3.1_p17'],
    ['3.1_p17', '>', '1.06-r6'],
    ['1.06-r6', '<', '006'],
    ['006', '>', '1.0.0'],
    ['1.2.2-r1', '>', '1.2.2'],
    ['20050718-r2', '>', '3.9.8-r5'],
    ['3.9.8-r5', '>', '2.01.01_alpha10'],
    ['1.0', '>', '0.99.3.20040818'],
    ['1.39', '>', '1.00_beta2'],
    ['0.5.2.7', '<', '4.2.52_p2-r1'],
    ['4.2.52_p2-r1', '<', '4.2.52_p4-r2'],
    ['4.2.52_p4-r2', '>', '1.02.07'],
    ['9', '>', '2.18.3-r10'],
    ['2.18.3-r10', '>', '1.05-r18'],
    ['20060720', '>', '3.0.20060720'],
    ['2.5.1-r8', '<', '2.5.1a-r1'],
    ['1.3.5-r10', '>', '1.3.5-r8'],
    ['20040401', '>', '2.0.0_rc3-r1'],
    ['3.0.0-r2', '<', '021109-r3'],
    ['021109-r3', '<', '20060512'],
    ['0.9.16-r1', '<', '3.9_pre20060124'],
    ['1.1.7', '<', '6b-r7'],
    ['0.10.0', '<', '0.10.1_rc1'],
    ['0.15.1b-r2', '>', '0.15.1b'],
    ['22.7', '>', '2.1_pre20'],
    ['2.10.1', '>', '02.08.01b'],
    ['3.81', '>', '1.6d'],
    ['1.6d', '>', '1.2.07.8'],
    ['1.2.07.8', '<', '1.2.12.04'],
    ['1.2.12.04', '<', '1.2.12.05'],
    ['0.20070118', '<', '0.20070207_rc1'],
    ['4.5_p1-r1', '>', '4.5_p1'],
    ['0.9.8c-r1', '<', '0.9.8d'],
    ['2.2.3-r2', '<', '013'],
    ['1.7', '<', '1.7b'],
    ['1.8.5', '<', '1.8.5_p2'],
    ['1.6.8_p12-r1', '>', '1.6.8_p9-r2'],
    ['0.9.28-r2', '<', '0.9.28.1'],
    ['0.9.28.1', '<', '087-r1'],
    ['104-r11', '>', '104-r9'],
    ['20040406-r1', '>', '2.12r-r4'],
    ['2.12r-r4', '<', '2.12r-r5'],
    ['7.0.17', '<', '7.0.174'],
    ['1.3-r0', '<', '1.3.1-r0'],
    ['1.3_pre1-r1', '<', '1.3.2'],
    ['1.0_p10-r0', '>', '1.0_p9-r0'],
    ['0.1.0_alpha_pre2', '<', '0.1.0_alpha'],
    ['1.0.0_pre20191002222144-r0', '<', '1.0.0_pre20210530193627-r0'],
  ]);
});

describe('apk: suffixes, hashes, revisions and invalid tails', () => {
  runVectors(apkScheme, [
    ['1.2_alpha', '<', '1.2_beta'],
    ['1.2_beta', '<', '1.2_pre'],
    ['1.2_pre', '<', '1.2_rc'],
    ['1.2_rc', '<', '1.2'],
    ['1.2', '<', '1.2_cvs'],
    ['1.2_cvs', '<', '1.2_svn'],
    ['1.2_svn', '<', '1.2_git'],
    ['1.2_git', '<', '1.2_hg'],
    ['1.2_hg', '<', '1.2_p'],
    ['1.2_p1', '<', '1.2.1'],
    ['1.2~abc123-r1', '>', '1.2'],
    ['1.2~abc123-r1', '<', '1.2~abc124-r0'],
    ['1.2-r', '=', '1.2-r0'],
    ['1.2', '>', '1.2_blah'],
    ['1.2_svn1', '>', '1.2_csv2'],
    ['1', '>', '1-ruff'],
    ['1-r0-1', '=', '1-r0-2'],
    ['1.9.5p1-r1', '<', '1.9.5p2-r1'],
    ['6.6.2p1', '>', '6.6.2_p2'],
    ['0..8', '>', '0...8'],
    ['0.r1', '<', '0r2'],
    ['1.2.0A', '<', '1.2.0d'],
    ['99999999999999999999999', '>', '99999999999999999999998'],
    ['1.0-r99999999999999999999999', '>', '1.0-r99999999999999999999998'],
  ]);
});

describe('apk: model and bad input', () => {
  it('keeps a version apk-tools calls invalid, with the reason and its invalid tail', () => {
    assert.deepEqual(parseApk('1.2_blah'), {
      ok: true,
      value: { tokens: [{ kind: 0, value: '1' }, { kind: 1, value: '2' }, { kind: 8, value: '' }], invalid: 'unknown suffix "_blah" at column 4' },
    });
  });
  runInvalid(apkScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['.1', { reason: 'an apk version starts with a number', column: 1 }],
    ['c', { reason: 'an apk version starts with a number', column: 1 }],
    ['v1.0', { reason: 'an apk version starts with a number', column: 1 }],
    ['1.0\u007f', { reason: 'control character in version', column: 4 }],
    ['1'.repeat(1025), { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
});

describe('apk: warnings', () => {
  it('flags a version apk-tools would call invalid, and orders it anyway', () => {
    assert.deepEqual(apkScheme.parse('1.2_blah'), { ok: true, value: { scheme: 'apk', text: '1.2_blah', warning: 'not a valid apk version (unknown suffix "_blah" at column 4); ordered as apk-tools does' } });
    assert.deepEqual(apkScheme.parse('1.2_p1-r0'), { ok: true, value: { scheme: 'apk', text: '1.2_p1-r0' } });
  });
});
