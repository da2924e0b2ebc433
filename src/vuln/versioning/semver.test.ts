import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import semver from 'semver';
import { parseSemver, semverScheme } from './semver.ts';
import { runInvalid, runSequence, runVectors } from './__fixtures__/run-vectors.ts';

describe('semver: SemVer 2.0.0 §11 precedence examples', () => {
  runSequence(semverScheme, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1']);
});

describe('semver: node-semver test/fixtures/comparisons.js (first > second)', () => {
  runVectors(semverScheme, [
    ['0.0.0', '>', '0.0.0-foo'],
    ['0.0.1', '>', '0.0.0'],
    ['1.0.0', '>', '0.9.9'],
    ['0.10.0', '>', '0.9.0'],
    ['0.99.0', '>', '0.10.0'],
    ['2.0.0', '>', '1.2.3'],
    ['v0.0.0', '>', '0.0.0-foo'],
    ['v0.0.1', '>', '0.0.0'],
    ['v1.0.0', '>', '0.9.9'],
    ['v0.10.0', '>', '0.9.0'],
    ['v0.99.0', '>', '0.10.0'],
    ['v2.0.0', '>', '1.2.3'],
    ['0.0.0', '>', 'v0.0.0-foo'],
    ['0.0.1', '>', 'v0.0.0'],
    ['1.0.0', '>', 'v0.9.9'],
    ['1.2.3', '>', '1.2.3-asdf'],
    ['1.2.3', '>', '1.2.3-4'],
    ['1.2.3', '>', '1.2.3-4-foo'],
    ['1.2.3-5-foo', '>', '1.2.3-5'],
    ['1.2.3-5', '>', '1.2.3-4'],
    ['1.2.3-5-foo', '>', '1.2.3-5-Foo'],
    ['3.0.0', '>', '2.7.2+asdf'],
    ['1.2.3-a.10', '>', '1.2.3-a.5'],
    ['1.2.3-a.b', '>', '1.2.3-a.5'],
    ['1.2.3-a.b', '>', '1.2.3-a'],
    ['1.2.3-a.b.c.10.d.5', '>', '1.2.3-a.b.c.5.d.100'],
    ['1.2.3-r2', '>', '1.2.3-r100'],
    ['1.2.3-r100', '>', '1.2.3-R2'],
  ]);
});

describe('semver: build metadata, lenient shapes and huge numbers', () => {
  runVectors(semverScheme, [
    ['1.2.3+build', '=', '1.2.3+otherbuild'],
    ['1.2.3-0', '<', '1.2.3-00a'],
    ['1.2.3-1', '=', '1.2.3-01'],
    ['1', '=', '1.0.0'],
    ['1.2', '<', '1.2.1'],
    ['1.1.3.4.5', '>', '1.1.3.4'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
    ['1.2.9007199254740993', '>', '1.2.9007199254740992'],
    ['1.0.0-alpha.9007199254740993', '>', '1.0.0-alpha.9007199254740992'],
  ]);
});

describe('semver: bad input names the column', () => {
  runInvalid(semverScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['latest', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 1 }],
    ['1.2.3-', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 6 }],
    ['1.2.3-a..b', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 8 }],
    ['1.2.3 ', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 6 }],
    ['>=1.2.3', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 1 }],
    ['1.2.3-ü', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 7 }],
    [`1.2.3-${'a'.repeat(1100)}`, { reason: 'version longer than 1024 characters', column: 1025 }],
  ]);
  it('keeps release, prerelease and build identifiers as text', () => {
    assert.deepEqual(parseSemver('v1.02.3-rc.1+exp.sha.5114f85'), { ok: true, value: { release: ['1', '02', '3'], prerelease: ['rc', '1'], build: ['exp', 'sha', '5114f85'] } });
  });
});

const RELEASES = ['0.0.0', '0.0.1', '0.1.0', '0.9.9', '0.10.0', '1.0.0', '1.0.1', '1.2.3', '1.10.0', '2.0.0', '10.0.0', '9007199254740991.0.0'];
const PRERELEASES = ['', '-0', '-1', '-10', '-2', '-alpha', '-alpha.1', '-alpha.beta', '-alpha.10', '-alpha.2', '-beta', '-rc.1', '-rc-1', '-RC.1', '-x.7.z.92', '-0a', '-a-'];
const BUILDS = ['', '+build.5', '+001'];

describe('semver: agrees with the `semver` package', () => {
  it('on every pair of 612 generated versions', () => {
    const versions = RELEASES.flatMap((release) => PRERELEASES.flatMap((pre) => BUILDS.map((build) => `${release}${pre}${build}`)));
    const parsed = versions.map((text) => {
      assert.ok(semver.valid(text) !== null, text);
      const result = semverScheme.parse(text);
      assert.ok(result.ok, text);
      return result.value;
    });
    const disagreements: string[] = [];
    for (const a of parsed) {
      for (const b of parsed) if (semverScheme.compare(a, b) !== semver.compare(a.text, b.text)) disagreements.push(`${a.text} vs ${b.text}`);
    }
    assert.deepEqual(disagreements.slice(0, 10), []);
  });
});
