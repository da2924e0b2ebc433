import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { parseGemfileLock } from './parse.ts';

describe('Gemfile.lock golden artifact', () => {
  it('gemfile.lock', () => assertGolden(parseGemfileLock, new URL('__fixtures__/gemfile.lock', import.meta.url), 'Gemfile.lock'));
});

describe('Gemfile.lock quirks', () => {
  const parse = (text: string) => parseGemfileLock(createSourceDocument('Gemfile.lock', text));

  it('splits the platform off the version', () => {
    const entry = parse('GEM\n  specs:\n    ffi (1.16.3-arm64-darwin)\n').artifact?.packages[0];
    assert.deepEqual([entry?.version, entry?.purl], ['1.16.3', 'pkg:gem/ffi@1.16.3?platform=arm64-darwin']);
  });

  it('ignores indented text outside source sections, and an empty file', () => {
    assert.deepEqual(packageKeys(parse('PLATFORMS\n    x (1.0)\n')), []);
    assert.deepEqual(packageKeys(parse('')), []);
  });

  it('reports a merge conflict with its position', () => {
    assert.deepEqual(parse('GEM\n  specs:\n>>>>>>> theirs\n').errors.map((error) => error.startLine), [3]);
  });
});
