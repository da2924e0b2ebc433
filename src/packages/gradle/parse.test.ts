import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { gradleLockfileAnalyzer } from './index.ts';
import { parseGradleLockfile } from './parse.ts';

describe('gradle.lockfile golden artifact', () => {
  it('gradle.lockfile', () => assertGolden(parseGradleLockfile, new URL('__fixtures__/gradle.lockfile', import.meta.url), 'gradle.lockfile'));
});

describe('gradle.lockfile quirks', () => {
  it('only comments yield an empty inventory', () => {
    assert.deepEqual(packageKeys(parseGradleLockfile(createSourceDocument('gradle.lockfile', '# a\n# b\n'))), []);
  });

  it('matches gradle.lockfile and buildscript-gradle.lockfile', () => {
    assert.deepEqual(['gradle.lockfile', 'app/buildscript-gradle.lockfile', 'gradle.properties'].map((path) => gradleLockfileAnalyzer.matches({ path, size: 1 }, () => '')), [true, true, false]);
  });
});
