import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as pep440 from '@renovatebot/pep440';
import { parsePep440, pep440Scheme } from './pep440.ts';
import { runInvalid, runSequence, runVectors } from './__fixtures__/run-vectors.ts';

// pypa/packaging tests/test_version.py VERSIONS: sorted, each lower than the next.
const PACKAGING_VERSIONS = [
  '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456', '1.0b2.post345', '1.0b2-346',
  '1.0c1.dev456', '1.0c1', '1.0rc2', '1.0c3', '1.0', '1.0.post456.dev34', '1.0.post456', '1.1.dev1',
  '1.2+123abc', '1.2+123abc456', '1.2+abc', '1.2+abc123', '1.2+abc123def', '1.2+1234.abc', '1.2+123456', '1.2.r32+123456', '1.2.rev33+123456',
  '1!1.0.dev456', '1!1.0a1', '1!1.0a2.dev456', '1!1.0a12.dev456', '1!1.0a12', '1!1.0b1.dev456', '1!1.0b2', '1!1.0b2.post345.dev456', '1!1.0b2.post345',
  '1!1.0b2-346', '1!1.0c1.dev456', '1!1.0c1', '1!1.0rc2', '1!1.0c3', '1!1.0', '1!1.0.post456.dev34', '1!1.0.post456', '1!1.1.dev1', '1!1.2+123abc',
];

describe('pep440: packaging VERSIONS order', () => {
  runSequence(pep440Scheme, PACKAGING_VERSIONS);
});

describe('pep440: normalisation (PEP 440 "Normalization" section)', () => {
  runVectors(pep440Scheme, [
    ['1.0', '=', '1.0.0'],
    ['1.0A1', '=', '1.0a1'],
    ['1.0alpha1', '=', '1.0a1'],
    ['1.0.a.1', '=', '1.0a1'],
    ['1.0-beta-2', '=', '1.0b2'],
    ['1.0c1', '=', '1.0rc1'],
    ['1.0pre1', '=', '1.0rc1'],
    ['1.0preview1', '=', '1.0rc1'],
    ['1.0a', '=', '1.0a0'],
    ['1.0-1', '=', '1.0.post1'],
    ['1.0-rev1', '=', '1.0.post1'],
    ['1.0r', '=', '1.0.post0'],
    ['1.0.dev', '=', '1.0.dev0'],
    ['1.0+ubuntu-1', '=', '1.0+ubuntu.1'],
    ['1.0+UBUNTU_1', '=', '1.0+ubuntu.1'],
    ['v1.0', '=', '1.0'],
    [' 1.0\t', '=', '1.0'],
    ['0!1.0', '=', '1.0'],
    ['1.0.0+local', '>', '1.0.0'],
    ['1.0.0+local.0', '<', '1.0.0+local.0.1'],
    ['1.0.0+01', '=', '1.0.0+1'],
    ['1.2a3.dev4', '<', '1.2b3.dev4'],
    ['1.2b3.DEV4', '<', '1.2b3.dev5'],
    ['1!1.0', '<', '2!1.0'],
    ['0.9.beta', '<', '1.0'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
    ['1.0.post9007199254740993', '>', '1.0.post9007199254740992'],
  ]);
});

describe('pep440: bad input', () => {
  runInvalid(pep440Scheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['0.9-eevee', { reason: 'not a PEP 440 version', column: 1 }],
    ['2013-01-23T17:11:52+0100', { reason: 'not a PEP 440 version', column: 1 }],
    ['1.0+', { reason: 'not a PEP 440 version', column: 1 }],
    ['1.0+loc al', { reason: 'not a PEP 440 version', column: 1 }],
    ['==1.0', { reason: 'not a PEP 440 version', column: 1 }],
    ['1.'.repeat(513), { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
  it('keeps the parts of a version', () => {
    assert.deepEqual(parsePep440('1!2.0.0rc1.post2.dev3+Ab.5'), {
      ok: true,
      value: { epoch: '1', release: ['2'], pre: { label: 'rc', number: '1' }, post: { label: 'post', number: '2' }, dev: { label: 'dev', number: '3' }, local: ['ab', '5'] },
    });
  });
});

const RELEASES = ['0', '1', '1.0', '1.0.1', '1.1', '2', '10.0'];
const SUFFIXES = ['', 'a1', 'a2', 'b1', 'rc1', 'rc1.dev1', '.post1', '.post1.dev2', '.dev1', '.dev0', 'a1.post1', '+local', '+local.2', '+1'];

describe('pep440: agrees with @renovatebot/pep440', () => {
  it('on every pair of 196 generated versions', () => {
    const parsed = RELEASES.flatMap((release) => SUFFIXES.map((suffix) => `${release}${suffix}`)).map((text) => {
      assert.ok(pep440.valid(text) !== null, text);
      const result = pep440Scheme.parse(text);
      assert.ok(result.ok, text);
      return result.value;
    });
    const disagreements: string[] = [];
    for (const a of parsed) {
      for (const b of parsed) if (pep440Scheme.compare(a, b) !== Math.sign(pep440.compare(a.text, b.text))) disagreements.push(`${a.text} vs ${b.text}`);
    }
    assert.deepEqual(disagreements.slice(0, 10), []);
  });
});
