import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { parsePoetryLock } from './parse.ts';

describe('poetry.lock golden artifacts', () => {
  for (const name of ['poetry-v1.lock', 'poetry-v2.lock']) {
    it(name, () => assertGolden(parsePoetryLock, new URL(`__fixtures__/${name}`, import.meta.url), 'poetry.lock'));
  }
});

describe('poetry.lock quirks', () => {
  const parse = (text: string) => parsePoetryLock(createSourceDocument('poetry.lock', text));

  it('skips a bad TOML line with its position and keeps the rest', () => {
    const result = parse('[[package]]\nname = "a"\nversion = "1.0"\nbroken = \n[[package]]\nname = "b"\nversion = "2.0"\n');
    assert.deepEqual(packageKeys(result), ['a@1.0', 'b@2.0']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn]), [[4, 10]]);
  });

  it('reports a merge conflict with its position', () => {
    const result = parse('[[package]]\n<<<<<<< HEAD\nname = "a"\n=======\nname = "b"\n>>>>>>> x\n');
    assert.deepEqual([result.artifact, result.errors[0]?.startLine], [undefined, 2]);
  });
});
