import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { parseGoMod, parseGoSum } from './parse.ts';

const parseMod = (text: string) => parseGoMod(createSourceDocument('go.mod', text));

describe('Go golden artifacts', () => {
  it('go.mod', () => assertGolden(parseGoMod, new URL('__fixtures__/go.mod', import.meta.url), 'go.mod'));
  it('go.sum', () => assertGolden(parseGoSum, new URL('__fixtures__/go.sum', import.meta.url), 'go.sum'));
});

describe('go.mod quirks', () => {
  it('applies version-specific replacements only to that version', () => {
    const text = 'require (\n\tx.org/a v1.0.0\n\tx.org/a v2.0.0\n)\nreplace x.org/a v1.0.0 => y.org/a v1.0.1\n';
    assert.deepEqual(packageKeys(parseMod(text)), ['y.org/a@1.0.1', 'x.org/a@2.0.0']);
  });

  it('uses the go directive as stdlib when there is no toolchain line', () => {
    assert.deepEqual(packageKeys(parseMod('module m\n\ngo 1.21\n')), ['stdlib@1.21']);
  });

  it('reports an unknown directive with its position and keeps going', () => {
    const result = parseMod('module m\nthis is not go.mod\nrequire a.org/b v1.0.0\n');
    assert.deepEqual(packageKeys(result), ['a.org/b@1.0.0']);
    assert.deepEqual(result.errors.map((error) => [error.startLine, error.startColumn]), [[2, 1]]);
  });

  it('reports a malformed require line', () => {
    assert.deepEqual(parseMod('require (\n\tonly-a-path\n)\n').errors.map((error) => [error.startLine, error.message]), [[2, 'Malformed require "only-a-path"; skipped.']]);
  });

  it('reports a merge conflict', () => {
    assert.deepEqual(parseMod('module m\n<<<<<<< HEAD\n').errors.map((error) => error.startLine), [2]);
  });
});
