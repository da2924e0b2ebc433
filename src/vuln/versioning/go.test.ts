import { describe } from 'node:test';
import { goScheme } from './go.ts';
import { runInvalid, runSequence, runVectors } from './__fixtures__/run-vectors.ts';

// golang.org/x/mod/semver's semver_test.go list, in increasing order (equal neighbours below).
describe('go: golang.org/x/mod/semver ordering', () => {
  runSequence(goScheme, ['v1.0.0-alpha', 'v1.0.0-alpha.1', 'v1.0.0-alpha.beta', 'v1.0.0-beta', 'v1.0.0-beta.2', 'v1.0.0-beta.11', 'v1.0.0-rc.1', 'v1.0.0', 'v1.2.0', 'v1.2.3-456', 'v1.2.3-456.789', 'v1.2.3-456-789', 'v1.2.3-456a', 'v1.2.3-pre', 'v1.2.3-pre.1', 'v1.2.3-zzz', 'v1.2.3']);
  runVectors(goScheme, [
    ['v1', '=', 'v1.0.0'],
    ['v1.0', '=', 'v1.0.0'],
    ['v1.2', '=', 'v1.2.0'],
    ['v1.2.3-pre+meta', '=', 'v1.2.3-pre'],
    ['v1.2.3+incompatible', '=', 'v1.2.3'],
    ['v1.2.3+meta-pre.sha.256a', '=', 'v1.2.3'],
  ]);
});

describe('go: pseudo-versions and +incompatible (https://go.dev/ref/mod#pseudo-versions)', () => {
  runVectors(goScheme, [
    ['v0.0.0-20191109021931-daa7c04131f5', '<', 'v0.0.0-20200101000000-0123456789ab'],
    ['v0.0.0-20191109021931-daa7c04131f5', '<', 'v0.1.0'],
    ['0.0.0-20191109021931-daa7c04131f5', '=', 'v0.0.0-20191109021931-daa7c04131f5'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', '>', 'v1.2.3'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', '<', 'v1.2.4'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', '<', 'v1.2.4-0.20200101000000-0123456789ab'],
    ['v1.2.3-pre.0.20191109021931-daa7c04131f5', '>', 'v1.2.3-pre'],
    ['v1.2.3-pre.0.20191109021931-daa7c04131f5', '<', 'v1.2.3'],
    ['v2.0.0+incompatible', '=', '2.0.0'],
    ['v2.0.1+incompatible', '>', 'v2.0.0+incompatible'],
    ['v2.0.0+incompatible', '>', 'v1.9.9'],
    ['1.21.0-rc.2', '<', '1.21.0'],
  ]);
});

describe('go: bad input', () => {
  runInvalid(goScheme, [
    ['', { reason: 'empty version', column: 1 }],
    ['bad', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 1 }],
    ['v1.2.3.4', { reason: 'a Go version has at most three numeric components', column: 1 }],
    ['v1.2.3-', { reason: 'not a SemVer version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])', column: 7 }],
  ]);
});
