import { describe } from 'node:test';
import { pubScheme } from './pub.ts';
import { runInvalid, runVectors } from './__fixtures__/run-vectors.ts';

// pub_semver's version_test.dart ordering: prereleases before, builds after the plain version.
describe('pub: pub_semver ordering', () => {
  runVectors(pubScheme, [
    ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '<', '1.0.0-beta.2'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
    ['1.0.0-beta.11', '<', '1.0.0-rc.1'],
    ['1.0.0-rc.1', '<', '1.0.0-rc.1+build.1'],
    ['1.0.0-rc.1+build.1', '<', '1.0.0'],
    ['1.0.0', '<', '1.0.0+0.3.7'],
    ['1.0.0+0.3.7', '<', '1.3.7+build'],
    ['1.3.7+build', '<', '1.3.7+build.2.b8f12d7'],
    ['1.3.7+build.2.b8f12d7', '<', '1.3.7+build.11.e0f985a'],
    ['2.0.0', '<', '2.1.0'],
    ['1.0.0-pre+build', '<', '1.0.0'],
    ['1.2.3+1', '<', '1.2.3+2'],
    ['1.2.3+9', '<', '1.2.3+a'],
    ['1.2.3+a1', '>', '1.2.3+a'],
    ['1.2.3+9d', '>', '1.2.3+1z'],
    ['1.2.3+build', '<', '1.2.3+otherbuild'],
    ['1.2.3', '=', '1.2.3'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
  ]);
});

describe('pub: bad input', () => {
  runInvalid(pubScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['any', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 1 }],
  ]);
});
