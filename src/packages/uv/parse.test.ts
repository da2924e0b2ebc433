import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { parseUvLock } from './parse.ts';

describe('uv.lock golden artifact', () => {
  it('uv.lock', () => assertGolden(parseUvLock, new URL('__fixtures__/uv.lock', import.meta.url), 'uv.lock'));
});

describe('uv.lock quirks', () => {
  const parse = (text: string) => parseUvLock(createSourceDocument('uv.lock', text));

  it('without a root project, direct is unknown', () => {
    assert.deepEqual(parse('version = 1\n[[package]]\nname = "a"\nversion = "1.0"\n').artifact?.packages.map((entry) => entry.direct), [undefined]);
  });

  it('drops a package without a name, with its position', () => {
    const result = parse('version = 1\n\n[[package]]\nversion = "1.0"\n');
    assert.deepEqual(packageKeys(result), []);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.message]), [[3, 'uv.lock package without a name; skipped.']]);
  });
});
